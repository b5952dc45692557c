import torch

# 数据：y = 3x + 2 加上噪声，x 在 [0, 2) 上均匀分布
torch.manual_seed(0)
N = 100
x = torch.rand(N, dtype=torch.float64) * 2
y = 3 * x + 2 + 0.3 * torch.randn(N, dtype=torch.float64)

# 参数：从 0 开始
w = torch.zeros((), dtype=torch.float64, requires_grad=True)
b = torch.zeros((), dtype=torch.float64, requires_grad=True)
lr = 0.1


def mse(w, b):
    return ((w * x + b - y) ** 2).mean()


for step in range(1000):
    loss = mse(w, b)  # 1. 前向：均方误差，同时建图
    if step in (0, 1, 10, 100):
        print(f"更新 {step:>4} 次后  loss = {loss.item():.10f}")
    loss.backward()  # 2. 反向：∂loss/∂w、∂loss/∂b 写进 w.grad、b.grad
    with torch.no_grad():  # 3. 更新：不记入计算图
        w -= lr * w.grad
        b -= lr * b.grad
    w.grad.zero_()  # 梯度会累加，下一步之前清零
    b.grad.zero_()
print(f"更新 1000 次后  loss = {mse(w, b).item():.10f}")

# 闭式解：令梯度为 0 得到正规方程 (DᵀD) θ = Dᵀy
D = torch.stack([x, torch.ones(N, dtype=torch.float64)], dim=1)
w_star, b_star = torch.linalg.solve(D.T @ D, D.T @ y)
best = mse(w_star, b_star)
print(f"梯度下降  w = {w.item():.10f}, b = {b.item():.10f}")
print(f"闭式解    w = {w_star.item():.10f}, b = {b_star.item():.10f}, 最小 loss = {best.item():.10f}")
print(f"最大差距 {max(abs(w - w_star).item(), abs(b - b_star).item()):.1e}")
