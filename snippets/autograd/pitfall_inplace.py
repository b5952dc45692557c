import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()  # exp 的导数是它自己：反向要用到保存下来的 b
b.add_(1)  # 原地修改了 b
try:
    b.sum().backward()
except RuntimeError as e:
    print(e)

# 不原地修改，写成新张量就没问题
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()
c = b + 1
c.sum().backward()
print(a.grad)  # e^a
