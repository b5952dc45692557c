import torch

x = torch.tensor(3.0, requires_grad=True)
y = x**2  # 反向需要 x 的值，前向时保存了它

y.backward()
try:
    y.backward()  # 第一次 backward 后，图中保存的值已经释放
except RuntimeError as e:
    print(e)

# 确实要对同一张图反向两次，第一次要传 retain_graph=True
x.grad = None
y = x**2
y.backward(retain_graph=True)
y.backward()
print(x.grad)  # 两次的梯度累加：6 + 6
