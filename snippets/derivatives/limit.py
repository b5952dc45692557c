# 导数是差商在 h → 0 时的极限。f(x) = 3x² - 4x 在 x = 1 处的导数是 6x - 4 = 2。
def f(x):
    return 3 * x**2 - 4 * x


x = 1.0
print("h        差商 (f(x+h) - f(x)) / h")
for k in (1, 2, 3, 4, 6, 8, 10, 12):
    h = 10.0**-k
    print(f"{h:<8g} {(f(x + h) - f(x)) / h:.8f}")
