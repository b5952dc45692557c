import torch

x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()  # u 的值与 y 相同，但被当作常数，不再连着 x
z = u * x

z.sum().backward()
print(x.grad)  # dz/dx = u，而不是 3x²
print(x.grad == u)

# y 本身仍在计算图里，可以单独求梯度
x.grad.zero_()
y.sum().backward()
print(x.grad)  # dy/dx = 2x
