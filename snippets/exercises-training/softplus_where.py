import torch
import torch.nn.functional as F


def naive(x):
    return torch.log1p(torch.exp(x))


def one_where(x):  # 同事的第一个修正
    return torch.where(x > 20, x, torch.log1p(torch.exp(x)))


def two_where(x):  # 修正：被屏蔽的位置先换成安全的输入
    safe = torch.where(x > 20, 0.0, x)
    return torch.where(x > 20, x, torch.log1p(torch.exp(safe)))


def relu_abs(x):  # 同事的第二个修正：练习 20 的稳定公式
    return torch.relu(x) + torch.log1p(torch.exp(-x.abs()))


def two_branches(x):  # 修正：两个分支各自在整条实轴上都等于 softplus
    pos = torch.where(x > 0, x, 0.0)
    neg = torch.where(x > 0, 0.0, x)
    return torch.where(x > 0, pos + torch.log1p(torch.exp(-pos)), torch.log1p(torch.exp(neg)))


points = [-30.0, 0.0, 30.0, 100.0]
print("x = " + ", ".join(f"{p:g}" for p in points) + "（float32）")
for name, f in (
    ("log1p(exp(x))", naive),
    ("一次 where", one_where),
    ("两次 where", two_where),
    ("relu + abs", relu_abs),
    ("两个分支", two_branches),
    ("F.softplus", F.softplus),
):
    x = torch.tensor(points, requires_grad=True)
    y = f(x)
    y.sum().backward()
    values = ", ".join(f"{v:.6g}" for v in y.tolist())
    grads = ", ".join(f"{v:.6g}" for v in x.grad.tolist())
    print(f"{name}：值 {values}；导数 {grads}")
print("σ(x) = " + ", ".join(f"{v:.6g}" for v in torch.sigmoid(torch.tensor(points)).tolist()))

t = torch.tensor(20.0)
big = torch.finfo(torch.float32).max
print(
    f"float32：最大数 {big:.4g}，exp(88) = {torch.exp(torch.tensor(88.0)).item():.4g}，exp(89) = {torch.exp(torch.tensor(89.0)).item()}"
)
print(f"float32：log1p(exp(20)) = {torch.log1p(torch.exp(t)).item()}，σ(20) = {torch.sigmoid(t).item()}")
print(
    f"e^(-20) = {torch.exp(torch.tensor(-20.0, dtype=torch.float64)).item():.3g}，float32 的 ε = {torch.finfo(torch.float32).eps:.3g}"
)
