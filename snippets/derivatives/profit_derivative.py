import torch


def cost(x):
    return 2 * x**2 + 3 * x + 100


def profit(x):
    return 20 * x - cost(x)  # 展开后是 -2x² + 17x - 100


xs = torch.tensor([0.0, 2.0, 4.0, 4.25, 5.0, 8.0], requires_grad=True)
profit(xs).sum().backward()  # 各点互不影响，对和求导就得到每一点的导数

for x, grad in zip(xs.tolist(), xs.grad.tolist()):
    print(f"x = {x:<5} P'(x) = {grad:6.2f}   -4x + 17 = {-4 * x + 17:6.2f}")
