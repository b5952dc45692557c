# f(x, y, z) = x² + y² + z²。对第 i 个变量求偏导：只让它变化 h，其余变量保持不变。
def f(x, y, z):
    return x**2 + y**2 + z**2


point = {"x": 1.0, "y": 2.0, "z": 3.0}
h = 1e-6
for name, value in point.items():
    moved = dict(point, **{name: value + h})  # 只有这一个变量加上 h
    quotient = (f(**moved) - f(**point)) / h
    print(f"∂f/∂{name} ≈ {quotient:.5f}   公式 2{name} = {2 * value}")
