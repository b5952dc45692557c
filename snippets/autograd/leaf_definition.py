import warnings

import torch

torch.manual_seed(0)
data = torch.randn(3) * 2  # 由运算得到，但不需要梯度
w_good = (0.1 * torch.randn(3)).requires_grad_()  # 先运算，再声明需要梯度
w_bad = 0.1 * torch.randn(3, requires_grad=True)  # 先声明需要梯度，再运算

for name, t in (("data", data), ("w_good", w_good), ("w_bad", w_bad)):
    grad_fn = type(t.grad_fn).__name__ if t.grad_fn is not None else None
    print(f"{name:6}  grad_fn={grad_fn!s:12}  is_leaf={t.is_leaf!s:5}  requires_grad={t.requires_grad}")

((w_good * data).sum() + (w_bad * data).sum()).backward()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # 读非叶子的 .grad 会警告，下一节细说
    print("w_good.grad 有值：", w_good.grad is not None, "  w_bad.grad：", w_bad.grad)
