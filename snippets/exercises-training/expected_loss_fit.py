import torch

# x ~ U[0, 1]，y = x²，模型 ŷ = w x。期望损失 L(w) = ∫₀¹ (w x - x²)² dx = w²/3 - w/2 + 1/5


def trapezoid(values, dx):
    return dx * (values.sum() - (values[0] + values[-1]) / 2)


n = 1000
xs = torch.linspace(0, 1, n + 1, dtype=torch.float64)
w = torch.tensor(0.75, dtype=torch.float64, requires_grad=True)
L = trapezoid((w * xs - xs**2) ** 2, 1 / n)  # 积分的数值近似，对 w 可微
L.backward()
print(f"L(3/4)：梯形法则 {L.item():.8f}，公式 1/80 = {1 / 80:.8f}")
print(f"L′(3/4)：对梯形和求导 {w.grad.item():.2e}，公式 2w/3 - 1/2 = {2 * 0.75 / 3 - 0.5:.1f}")

# 只有样本时：最小化样本平均损失，ŵ = Σ xᵢyᵢ / Σ xᵢ²
gen = torch.Generator().manual_seed(0)
for N in (10, 1000, 100000):
    x = torch.rand(N, generator=gen, dtype=torch.float64)
    print(f"N = {N:6d}：ŵ = {((x * x**2).sum() / (x**2).sum()).item():.4f}")
