import torch

# 不定积分：F(x) = x³/3 + C 的导数是 x²。用 autograd 验证 F'(x) = f(x)。
x = torch.linspace(0, 2, 5, requires_grad=True)
F = x**3 / 3
F.sum().backward()
print(x.grad)
print(torch.allclose(x.grad, torch.linspace(0, 2, 5) ** 2))  # 与 f(x) = x² 逐点比较

# 定积分：牛顿–莱布尼茨公式 ∫₀² x² dx = F(2) - F(0)
print(f"F(2) - F(0) = {2**3 / 3 - 0**3 / 3:.6f}")

# torch.trapezoid 用梯形法则对采样点求积分
grid = torch.linspace(0, 2, 1001, dtype=torch.float64)
print(f"torch.trapezoid, 1000 个小区间: {torch.trapezoid(grid**2, grid).item():.6f}")
