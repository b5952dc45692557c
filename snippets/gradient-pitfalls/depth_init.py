import matplotlib.pyplot as plt
import torch

n, depth, batch = 64, 30, 16  # 每层 64 个神经元，30 层，16 个样本；float64，范数的末位不受舍入影响


def backward_norms(c, activation):
    """权重 ~ N(0, c²/n) 的深层网络：返回 ‖∂L/∂h_l‖（l = 0, …, depth）和第一层权重梯度的范数。"""
    g = torch.Generator().manual_seed(0)
    weights = [
        (c / n**0.5 * torch.randn(n, n, generator=g, dtype=torch.float64)).requires_grad_() for _ in range(depth)
    ]
    h = torch.randn(batch, n, generator=g, dtype=torch.float64).requires_grad_()  # h_0：网络的输入
    hs = [h]
    for W in weights:
        h = activation(h @ W.T)  # h_l = φ(h_{l-1} W_lᵀ)，每行一个样本
        h.retain_grad()
        hs.append(h)
    u = torch.randn(n, generator=g, dtype=torch.float64)
    loss = (h @ u).mean()  # 一个固定的线性读出，∂L/∂h_depth 与 c 无关
    loss.backward()
    return [t.grad.norm().item() for t in hs], weights[0].grad.norm().item()


print(
    f"顶层 ‖∂L/∂h_{depth}‖ = {backward_norms(1.0, torch.tanh)[0][-1]:.4f}（每行都是 u / {batch}，与 c 和激活函数无关）"
)
fig, axes = plt.subplots(1, 2, figsize=(7, 3.4), layout="constrained", sharey=True)
for ax, (name, activation) in zip(axes, (("线性网络", lambda z: z), ("tanh 网络", torch.tanh))):
    for c in (0.5, 1.0, 2.0):
        norms, first = backward_norms(c, activation)
        ratio = norms[0] / norms[-1]
        print(
            f"{name}，c = {c}：‖∂L/∂h_0‖ / ‖∂L/∂h_{depth}‖ = {ratio:.1e}（c^{depth} = {c**depth:.1e}），第一层 ‖∇W_1 L‖ = {first:.1e}"
        )
        ax.semilogy(range(depth + 1), norms, marker=".", label=f"c = {c}")
    ax.set_title(f"{name}，权重标准差 c/√n")
    ax.set_xlabel("层号 l")
    ax.grid(alpha=0.3)
    ax.legend()
axes[0].set_ylabel("‖∂L/∂h_l‖（对数刻度）")
