# 用左矩形、右矩形和梯形近似 ∫₀² x² dx，精确值是 8/3。
def f(x):
    return x**2


def left_rectangles(f, a, b, n):
    dx = (b - a) / n
    return dx * sum(f(a + i * dx) for i in range(n))  # x0 … x(n-1)


def right_rectangles(f, a, b, n):
    dx = (b - a) / n
    return dx * sum(f(a + i * dx) for i in range(1, n + 1))  # x1 … xn


def trapezoids(f, a, b, n):
    dx = (b - a) / n
    inner = sum(f(a + i * dx) for i in range(1, n))
    return dx / 2 * (f(a) + 2 * inner + f(b))  # 两端各算一次，内部点各算两次


exact = 8 / 3
print(f"精确值 8/3 = {exact:.10f}")
rules = (left_rectangles, right_rectangles, trapezoids)
print("    n        左矩形误差        右矩形误差          梯形误差")  # 一个汉字占两列
errors = {}
for n in (4, 8, 16, 32, 64, 128):
    errors[n] = [rule(f, 0, 2, n) - exact for rule in rules]
    print(f"{n:>5} " + " ".join(f"{e:>+17.10f}" for e in errors[n]))

# n 翻倍时误差缩小的倍数：矩形约 2 倍（误差 ∝ 1/n），梯形约 4 倍（误差 ∝ 1/n²）
ratios = [old / new for old, new in zip(errors[64], errors[128])]
print("n 从 64 到 128，误差缩小倍数：" + "，".join(f"{r:.3f}" for r in ratios))

# 对 x² 而言，梯形误差恰好是 4/(3n²)：乘以 3n²/4 应该得到 1
print("梯形误差 × 3n²/4：" + "，".join(f"{errors[n][2] * 3 * n**2 / 4:.6f}" for n in errors))
