import matplotlib.pyplot as plt
import torch

# 与上一段相同的数据
torch.manual_seed(0)
N = 100
x = torch.rand(N, dtype=torch.float64) * 2
y = 3 * x + 2 + 0.3 * torch.randn(N, dtype=torch.float64)
D = torch.stack([x, torch.ones(N, dtype=torch.float64)], dim=1)

# 损失的海森矩阵（二阶偏导数组成的矩阵）H = (2/N) DᵀD；学习率超过 2/λ_max 就会发散
eigenvalues = torch.linalg.eigvalsh(2 / N * D.T @ D)
print(
    f"H 的特征值 {eigenvalues[0].item():.4f} 和 {eigenvalues[1].item():.4f}，2/λ_max = {2 / eigenvalues[1].item():.4f}"
)


def train(lr, steps=60):
    w = torch.zeros((), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    losses = []
    for k in range(steps + 1):
        loss = ((w * x + b - y) ** 2).mean()
        losses.append(loss.item())  # losses[k]：更新 k 次后的 loss
        if k == steps:
            break
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad.zero_()
        b.grad.zero_()
    return losses


runs = {lr: train(lr) for lr in (0.1, 0.3, 0.5)}
for lr, losses in runs.items():
    factors = "、".join(f"{1 - lr * lam:+.4f}" for lam in eigenvalues.tolist())
    print(
        f"学习率 {lr}：loss 从 {losses[0]:.4f} 变为 {losses[-1]:.4g}（60 次更新）；沿两个特征方向每步乘以 1 - ηλ = {factors}"
    )

fig, (good, bad) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
for lr in (0.1, 0.3):
    good.plot(runs[lr], label=f"学习率 {lr}")
w_star, b_star = torch.linalg.solve(D.T @ D, D.T @ y)
good.axhline(((w_star * x + b_star - y) ** 2).mean().item(), color="black", linestyle=":", label="闭式解的 loss")
good.set_title("学习率小于 2/λ_max：loss 下降")
bad.plot(runs[0.5], color="crimson", label="学习率 0.5")
bad.set_title("学习率大于 2/λ_max：loss 发散")
for ax in (good, bad):
    ax.set_yscale("log")
    ax.set_xlabel("更新次数")
    ax.set_ylabel("loss（对数刻度）")
    ax.grid(alpha=0.3)
    ax.legend()
