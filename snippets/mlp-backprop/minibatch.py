import matplotlib.pyplot as plt
import torch
from mlp import backward, cross_entropy, forward, init_params, spiral

X, y = spiral()
N, B, lr, epochs = len(y), 24, 0.5, 200  # 240 个样本，每批 24 个：每个 epoch 更新 10 次
params = init_params()
g = torch.Generator().manual_seed(1)  # 打乱顺序用的随机数，单独固定种子


def full_loss():
    return cross_entropy(forward(X, params)[0], y).item()


# 一个 epoch 内 10 个小批量梯度的平均，恰好等于全部样本的梯度（每批一样大时）
perm = torch.randperm(N, generator=torch.Generator().manual_seed(0))
batch_grads = []
for start in range(0, N, B):
    idx = perm[start : start + B]
    batch_grads.append(backward(X[idx], y[idx], params, forward(X[idx], params)[1]))
full = backward(X, y, params, forward(X, params)[1])
mean_W1 = torch.stack([gr[0] for gr in batch_grads]).mean(dim=0)
print("10 个小批量的 ∂L/∂W1 的平均 = 全量的 ∂L/∂W1：", torch.allclose(mean_W1, full[0], atol=1e-7))
spread = max((gr[0] - full[0]).norm() / full[0].norm() for gr in batch_grads)
print(f"单个小批量的 ∂L/∂W1 与全量的相对偏差最大 {spread:.2f}")

step_losses, epoch_losses = [], [full_loss()]
for epoch in range(epochs):
    perm = torch.randperm(N, generator=g)  # 每个 epoch 重新打乱
    for start in range(0, N, B):
        idx = perm[start : start + B]  # 这一批的下标
        Z2, cache = forward(X[idx], params)
        step_losses.append(cross_entropy(Z2, y[idx]).item())  # 这一批上的损失
        grads = backward(X[idx], y[idx], params, cache)
        for p, gr in zip(params, grads):
            p -= lr * gr  # 原地更新；这些张量不需要梯度，不必 no_grad
    epoch_losses.append(full_loss())

for e in (0, 10, 50, 100, 200):
    print(f"epoch {e:>3}：全部样本上的 loss = {epoch_losses[e]:.4f}")
accuracy = (forward(X, params)[0].argmax(dim=1) == y).float().mean().item()
print(f"更新 {len(step_losses)} 次，训练集上的准确率 {accuracy:.1%}")

fig, ax = plt.subplots(figsize=(6.4, 3.4))
steps_per_epoch = N // B
ax.plot(
    [k / steps_per_epoch for k in range(len(step_losses))],
    step_losses,
    lw=0.6,
    color="tab:blue",
    alpha=0.6,
    label="每个小批量上的 loss",
)
ax.plot(range(epochs + 1), epoch_losses, color="black", lw=1.5, label="每个 epoch 结束时全部样本上的 loss")
ax.set_xlabel("epoch")
ax.set_ylabel("交叉熵损失")
ax.set_title("小批量随机梯度下降：每一步的损失有噪声，整体在下降")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
