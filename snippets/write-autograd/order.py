from value import Value


# 让 x 不再是叶子：x = 2t，再算 f = (x + y) · x。x 的梯度要收齐两份（3 和 7）才能往 t 传
def build():
    t = Value(1.5)
    y = Value(4.0)
    x = 2 * t
    a = x + y
    f = a * x
    return t, x, a, f


# 正确：按拓扑序的逆序
t, x, a, f = build()
f.backward()
print(f"逆拓扑序：       ∂f/∂x = {x.grad:4.1f}，∂f/∂t = {t.grad:4.1f}")

# 错误：先处理 x，再处理 a。x 把只收到一半的梯度 7 传给了 t，a 后来补上的 3 再也传不过去
t, x, a, f = build()
f.grad = 1.0
for node in (f, x, a):
    node._backward()
print(f"先 x 后 a 的顺序：∂f/∂x = {x.grad:4.1f}，∂f/∂t = {t.grad:4.1f}")
print(f"手算：f = (2t + y)·2t，∂f/∂t = 8t + 2y = {8 * 1.5 + 2 * 4.0:4.1f}")
