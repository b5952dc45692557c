import torch


def grad_at(f, value):
    """f 在 value 处由 autograd 给出的导数。"""
    x = torch.tensor(value, requires_grad=True)
    f(x).backward()
    return x.grad.item()


print(
    f"relu'(0) = {grad_at(torch.relu, 0.0):.1f}，abs'(0) = {grad_at(torch.abs, 0.0):.1f}，sign(0) = {torch.sign(torch.tensor(0.0)).item():.1f}"
)

# 归约：有两个元素并列最大
for name, reduce in [
    ("x.max()", lambda x: x.max()),
    ("x.amax()", lambda x: x.amax()),
    ("x.max(dim=0)", lambda x: x.max(dim=0).values),
]:
    x = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
    reduce(x).backward()
    print(f"{name:<13}对 x = [1, 3, 3, 2] 的梯度：{x.grad.tolist()}")

# 逐元素的 maximum，两数相等
a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
torch.maximum(a, b).backward()
print(f"torch.maximum(a, b)，a = b = 2：a.grad = {a.grad.item():.1f}，b.grad = {b.grad.item():.1f}")

# clamp 到 [0, 1]：在两个端点上
for v in (0.0, 1.0):
    print(f"clamp(x, 0, 1) 在 x = {v:.0f} 处的导数：{grad_at(lambda x: x.clamp(0.0, 1.0), v):.1f}")

# 在折点上做有限差分：中心差分与 autograd 不一致
h = 1e-3
central = (torch.relu(torch.tensor(h)) - torch.relu(torch.tensor(-h))) / (2 * h)
print(f"relu 在 0 处的中心差分 {central.item():.4f}，autograd 给 {grad_at(torch.relu, 0.0):.4f}")
