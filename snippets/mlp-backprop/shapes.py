import torch
from mlp import forward, init_params, spiral

X, y = spiral()  # 240 个样本，每类 80 个
params = init_params()
Z2, (Z1, A, _) = forward(X, params)

for name, t in [("X", X), ("y", y), ("Z1", Z1), ("A", A), ("Z2", Z2)]:
    print(f"{name:<2} 形状 {tuple(t.shape)}")
for name, p in zip(["W1", "b1", "W2", "b2"], params):
    print(f"{name} 形状 {tuple(p.shape)}")
print("参数个数：", sum(p.numel() for p in params))
print("每类样本数：", torch.bincount(y).tolist())
