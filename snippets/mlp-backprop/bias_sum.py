import torch

torch.manual_seed(0)
N, h = 5, 3
XW = torch.randn(N, h)  # 代表 X W1ᵀ 这一项
b = torch.zeros(h, requires_grad=True)  # 形状 (h,)
Z = XW + b  # b 沿样本维被复制成 N 行，Z 是 (N, h)
G = torch.randn(N, h)  # 任意一个传回来的梯度 ∂L/∂Z
(Z * G).sum().backward()  # 让 ∂L/∂Z 恰好等于 G
print("b.grad 形状：", tuple(b.grad.shape))
print("b.grad == G 沿 dim=0 求和（把 N 行加起来）：", torch.allclose(b.grad, G.sum(dim=0)))

# 形状 (N, 1) 的张量沿 dim=1（列方向）被复制成 h 列：反向时沿 dim=1 求和，并保留那一维
c = torch.zeros(N, 1, requires_grad=True)
(XW + c).mul(G).sum().backward()
print("c.grad 形状：", tuple(c.grad.shape))
print("c.grad == G 沿 dim=1 求和（keepdim）：", torch.allclose(c.grad, G.sum(dim=1, keepdim=True)))
