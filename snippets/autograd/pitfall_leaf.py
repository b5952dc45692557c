import warnings

import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)  # 叶子：我们直接创建的
y = x * x  # 非叶子：由一次记录下来的运算得到（x 需要梯度）
y.retain_grad()  # 要求保留 y 的梯度
z = x * x  # 另一个非叶子，没有 retain_grad
(y.sum() + z.sum()).backward()
print(x.is_leaf, y.is_leaf, z.is_leaf)
print(x.grad, y.grad)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(z.grad)  # None，并且 PyTorch 发出警告
print("警告：" + str(caught[0].message).split(". ")[0])
