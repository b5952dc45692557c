import torch


def profit(x):
    return 20 * x - (2 * x**2 + 3 * x + 100)


def derivative(x):
    """P'(x)，由 autograd 计算。"""
    x = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    (grad,) = torch.autograd.grad(profit(x), x)
    return grad.item()


# 驻点：P'(x) = -4x + 17 = 0
x0 = 17 / 4
print(f"驻点 x0 = {x0}, P'(x0) = {derivative(x0)}")

# 一阶导数判别法：左边取 x = 4，右边取 x = 5
print(f"P'(4) = {derivative(4.0)}, P'(5) = {derivative(5.0)}")

# 二阶导数判别法：对一阶导数再求一次导，需要 create_graph=True 保留一阶导数的计算图
x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
(first,) = torch.autograd.grad(profit(x), x, create_graph=True)
(second,) = torch.autograd.grad(first, x)
print(f"P''(x0) = {second.item()}")

print(f"最大利润 P(x0) = {profit(x0)}，端点 P(0) = {profit(0)}")
print(f"只能取整数产量时：P(4) = {profit(4)}, P(5) = {profit(5)}")
