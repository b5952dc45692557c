import torch
import torch.nn.functional as F

torch.manual_seed(0)
B, d, q, K = 8, 4, 5, 3
X = torch.randn(B, d, dtype=torch.float64)
y = torch.randint(0, K, (B,))
params = [torch.randn(*s, dtype=torch.float64, requires_grad=True) for s in ((q, d), (q,), (K, q), (K,))]
W1, b1, W2, b2 = params

U = X @ W1.T + b1
R = torch.relu(U)
Z = R @ W2.T + b2
L = F.cross_entropy(Z, y)  # 对批求平均
L.backward()

# 手写的反向传播
GZ = (torch.softmax(Z, dim=1) - F.one_hot(y, K)) / B
GR = GZ @ W2
GU = GR * (U > 0)
hand = [GU.T @ X, GU.sum(0), GZ.T @ R, GZ.sum(0)]
for name, p, g in zip(("W1", "b1", "W2", "b2"), params, hand, strict=True):
    print(f"∂L/∂{name} 形状 {tuple(g.shape)}，与 autograd 的差距 < 1e-12：{(p.grad - g).abs().max().item() < 1e-12}")
