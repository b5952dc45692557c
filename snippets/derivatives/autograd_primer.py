import torch


def f(x):
    return 3 * x**2 - 4 * x


# 1. requires_grad=True：告诉 PyTorch 之后要对 x 求导
x = torch.tensor(1.0, requires_grad=True)
y = f(x)  # 照常计算；PyTorch 在背后记下每一步运算
y.backward()  # 2. 从 y 出发求导，结果写进 x.grad
print(x.grad)  # f'(1) = 6·1 - 4 = 2

# 3. torch.autograd.grad：直接返回导数，不写进 x.grad
x = torch.tensor(1.0, requires_grad=True)
(d,) = torch.autograd.grad(f(x), x)
print(d)

# 一次求多个点的导数：各点互不影响，对和求导就得到每一点的导数
xs = torch.tensor([0.0, 1.0, 2.0], requires_grad=True)
f(xs).sum().backward()
print(xs.grad)  # 6x - 4
