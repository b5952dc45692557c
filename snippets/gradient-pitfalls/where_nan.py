import torch

x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)

# 想要的函数：x > 0 时取 √x，否则取 0
y = torch.where(x > 0, torch.sqrt(x), 0.0)
y.sum().backward()
print("前向值        ", y.detach().tolist())
print("一次 where    ", x.grad.tolist())

# 没选中的分支：√x 在 x = -1 处是 nan，在 x = 0 处导数是 inf
x.grad = None
torch.sqrt(x).backward(torch.zeros(3))  # 乘上 where 传来的 0
print("0 × 未选中分支", x.grad.tolist())

# 修正：先把输入换成在两个分支里都安全的值，再选
x.grad = None
positive = x > 0
safe_x = torch.where(positive, x, 1.0)  # 被屏蔽的位置换成 1，√1 与它的导数都有限
y = torch.where(positive, torch.sqrt(safe_x), 0.0)
y.sum().backward()
print("两次 where    ", x.grad.tolist())

# 同样的问题出在 log 上
x.grad = None
torch.where(x > 0, torch.log(x), 0.0).sum().backward()
print("log，一次 where", x.grad.tolist())
x.grad = None
torch.where(positive, torch.log(torch.where(positive, x, 1.0)), 0.0).sum().backward()
print("log，两次 where", x.grad.tolist())
