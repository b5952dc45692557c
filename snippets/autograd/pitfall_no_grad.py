import torch

w = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (w * w).sum()
loss.backward()

# 直接原地更新需要梯度的叶子张量：PyTorch 拒绝
try:
    w -= 0.1 * w.grad
except RuntimeError as e:
    print(e)

# 更新参数不应被记进计算图：放在 torch.no_grad() 里
with torch.no_grad():
    w -= 0.1 * w.grad
print(w, w.is_leaf)

# 只做前向（评估模型）时也用 no_grad：不建图，省内存
with torch.no_grad():
    out = (w * w).sum()
print(out.requires_grad)

# inference_mode 更彻底，但它产生的张量以后不能再参与求导
with torch.inference_mode():
    frozen = w * 2
try:
    (frozen * w).sum().backward()
except RuntimeError as e:
    print(e)
