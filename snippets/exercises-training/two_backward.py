import torch

x = torch.tensor(2.0, requires_grad=True)
y = x**3

y.backward(retain_graph=True)  # 保留图，之后还要再反向一次
print(x.grad)

z = 2 * x  # 一张新的图
z.backward()
print(x.grad)

y.backward()  # 第二次通过 y 的图；这次没有 retain_graph，之后图被释放
print(x.grad)

try:
    y.backward()  # 第三次通过 y 的图（全部 backward() 中的第四次）：图已被释放
except RuntimeError as e:
    print(str(e).split(" (")[0])  # 只打印错误信息的开头
