import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
print(x.grad)  # 还没有 backward：是 None，不是 0

(x * x).sum().backward()
print(x.grad)  # 2x

# optimizer.zero_grad() 默认 set_to_none=True：把 .grad 设回 None，而不是填 0
optimizer = torch.optim.SGD([x], lr=0.1)
optimizer.zero_grad()
print(x.grad)

# 所以在 backward 之前直接用 x.grad 做运算会出错
try:
    x.grad * 2
except TypeError as e:
    print(e)
