import torch
from torch.func import grad, vmap
from value import Value

# 与训练一节相同的 8 个数据点和起始参数 θ = (w1, b1, w2, b2)
torch.manual_seed(0)
xs = torch.linspace(-2, 2, 8, dtype=torch.float64)
ys = 1.5 * torch.tanh(2 * xs - 0.5) + 0.3 + 0.05 * torch.randn(8, dtype=torch.float64)
theta = torch.tensor([0.5, 0.0, 1.0, 0.0], dtype=torch.float64)


def sample_loss(theta, x, y):
    """一个样本的平方误差 (ŷ − y)²。"""
    w1, b1, w2, b2 = theta
    return (w2 * torch.tanh(w1 * x + b1) + b2 - y) ** 2


# grad 对 θ 求导；vmap 把它沿 xs、ys 的第 0 维批量执行，θ 不分批（None）
per_sample = vmap(grad(sample_loss), in_dims=(None, 0, 0))(theta, xs, ys)
print("每个样本的梯度，形状", tuple(per_sample.shape), "（每行一个样本）")
print("            ∂/∂w1     ∂/∂b1     ∂/∂w2     ∂/∂b2")
for i, row in enumerate(per_sample.tolist()):
    print(f"  样本 {i}：" + "  ".join(f"{g:+.5f}" for g in row))
print("8 行的平均   ：" + "  ".join(f"{g:+.5f}" for g in per_sample.mean(0).tolist()))

# 平均损失的梯度，用自己的 Value 算
p = [Value(t) for t in theta.tolist()]
total = 0.0
for x, y in zip(xs.tolist(), ys.tolist()):
    total = total + (p[2] * (p[0] * x + p[1]).tanh() + p[3] - y) ** 2
(total / 8).backward()
print("Value 的梯度 ：" + "  ".join(f"{v.grad:+.5f}" for v in p))
