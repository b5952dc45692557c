import torch


def grad_of(norm, value):
    x = torch.tensor(value, requires_grad=True)
    norm(x).backward()
    return "[" + ", ".join(f"{g:.4f}" for g in x.grad.tolist()) + "]"


def by_hand(x):
    return torch.sqrt((x**2).sum())


for value in ([3.0, 4.0], [0.0, 0.0]):
    print(f"x = {value}")
    print(f"  sqrt((x**2).sum())      的梯度 {grad_of(by_hand, value)}")
    print(f"  torch.linalg.vector_norm 的梯度 {grad_of(torch.linalg.vector_norm, value)}")

# 0 处沿单位方向 d 的单侧差商都是 1：d 与 -d 给出同一个值，不是 d 的线性函数，所以不可微
for direction in ([1.0, 0.0], [-1.0, 0.0], [0.6, 0.8]):
    d = torch.tensor(direction)
    t = 1e-3
    slope = torch.linalg.vector_norm(t * d) / t
    print(f"沿方向 d = {direction}：(‖0 + t·d‖ - ‖0‖) / t = {slope.item():.4f}")
