import torch

# 与前面相同的数据
torch.manual_seed(0)
N = 100
x = torch.rand(N, dtype=torch.float64) * 2
y = 3 * x + 2 + 0.3 * torch.randn(N, dtype=torch.float64)

w = torch.zeros((), dtype=torch.float64, requires_grad=True)
b = torch.zeros((), dtype=torch.float64, requires_grad=True)
optimizer = torch.optim.SGD([w, b], lr=0.1)  # 把要更新的参数交给优化器

for step in range(1000):
    optimizer.zero_grad()  # 清除上一步的梯度（设为 None）
    loss = ((w * x + b - y) ** 2).mean()
    loss.backward()
    optimizer.step()  # 对每个参数做 p ← p - lr · p.grad，在内部已经关掉了求导

print(f"torch.optim.SGD  w = {w.item():.10f}, b = {b.item():.10f}")
print(f"最后一步的梯度几乎为 0：|w.grad| < 1e-10 是 {w.grad.abs().item() < 1e-10}")
optimizer.zero_grad()
print(f"zero_grad 之后 w.grad = {w.grad}")
