import torch

# f(x) = x³：f'(x) = 3x²，f''(x) = 6x，f'''(x) = 6
x = torch.tensor(3.0, requires_grad=True)
f = x**3

# create_graph=True：把求导过程本身也记进计算图，结果才能再求导
(d1,) = torch.autograd.grad(f, x, create_graph=True)
(d2,) = torch.autograd.grad(d1, x, create_graph=True)
(d3,) = torch.autograd.grad(d2, x)
print(d1, d2, d3)

# 不加 create_graph，一阶导数只是一个普通的数，不能再求导
(plain,) = torch.autograd.grad(x**3, x)
print(plain.requires_grad)
