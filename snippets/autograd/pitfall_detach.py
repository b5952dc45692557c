import torch

a = torch.tensor([1.0, 2.0], requires_grad=True)
d = a.detach()  # 与 a 共用同一块内存，只是不再记录梯度
d[0] = 100.0  # 修改 d，a 也跟着变了
print(a)
print(d.data_ptr() == a.data_ptr())

# 要一份独立的副本，用 detach().clone()
a = torch.tensor([1.0, 2.0], requires_grad=True)
copy = a.detach().clone()
copy[0] = 100.0
print(a)

# 共用内存还意味着：原地修改 detach 出来的张量，也算修改了原张量
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a.exp()  # 反向要用到 b
b.detach().zero_()
try:
    b.sum().backward()
except RuntimeError as e:
    print(str(e).split(":")[0])
