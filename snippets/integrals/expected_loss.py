import torch

# 数据的分布：x 在 [0, 2] 上均匀分布，y = 3x + 2 + 噪声，噪声 ~ N(0, 0.3²)（与训练一章的数据同一来源）
sigma = 0.3
w, b = 0.0, 0.0  # 一组还没训练过的参数


# 对固定的 x，噪声的平均贡献是 σ²，所以期望损失是对 x 的一个定积分：
# J(w, b) = ∫₀² [((w - 3)x + (b - 2))² + σ²] · p(x) dx，其中密度 p(x) = 1/2
x = torch.linspace(0, 2, 100001, dtype=torch.float64)
u = (w - 3) * x + (b - 2)
J = torch.trapezoid((u**2 + sigma**2) * 0.5, x).item()
print(f"期望损失 J = ∫ ℓ·p dx = {J:.4f}")
# 单个样本损失的方差 E[ℓ²] - J²，同样是一个积分（对固定的 x，E[ℓ²] = u⁴ + 6u²σ² + 3σ⁴）
second_moment = torch.trapezoid((u**4 + 6 * u**2 * sigma**2 + 3 * sigma**4) * 0.5, x).item()
print(f"单个样本损失的标准差 s = √(E[ℓ²] - J²) = {(second_moment - J**2) ** 0.5:.2f}")

# 训练时看到的是一批批样本：一个小批量上的平均损失是 J 的蒙特卡罗估计
generator = torch.Generator().manual_seed(0)
print("  批大小 B   100 个小批量的平均损失：均值    标准差    标准差 × √B")
for B in (10, 100, 1000, 10000):
    xs = 2 * torch.rand(100, B, generator=generator, dtype=torch.float64)
    ys = 3 * xs + 2 + sigma * torch.randn(100, B, generator=generator, dtype=torch.float64)
    batch_means = ((w * xs + b - ys) ** 2).mean(dim=1)  # 每一行是一个小批量
    std = batch_means.std().item()
    print(f"{B:9d}   {batch_means.mean().item():27.4f}   {std:8.4f}   {std * B**0.5:10.2f}")
