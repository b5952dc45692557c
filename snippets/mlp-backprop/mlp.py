"""本章各示例共用的两层网络：数据、初始化、前向、损失和手写的反向传播。"""

import math

import torch


# --8<-- [start:data]
def spiral(n_per_class=80, classes=3, seed=0):
    """三条交错的螺旋臂，每条一类：X 是 N×2，y 是 N 个类别编号（0、1、2）。"""
    g = torch.Generator().manual_seed(seed)
    X, y = [], []
    for k in range(classes):
        r = torch.linspace(0.1, 1.0, n_per_class)  # 半径从里到外
        angle = torch.linspace(0.0, 4.0, n_per_class) + k * 2 * math.pi / classes
        angle = angle + 0.2 * torch.randn(n_per_class, generator=g)  # 一点噪声
        X.append(torch.stack([r * torch.cos(angle), r * torch.sin(angle)], dim=1))
        y.append(torch.full((n_per_class,), k))
    return torch.cat(X), torch.cat(y)


def init_params(d=2, h=16, K=3, seed=0, dtype=torch.float32):
    """W1: h×d, b1: h, W2: K×h, b2: K —— 与 torch.nn.Linear 的排法相同（输出维数在前）。"""
    g = torch.Generator().manual_seed(seed)
    W1 = torch.randn(h, d, generator=g, dtype=dtype) / math.sqrt(d)
    b1 = torch.zeros(h, dtype=dtype)
    W2 = torch.randn(K, h, generator=g, dtype=dtype) / math.sqrt(h)
    b2 = torch.zeros(K, dtype=dtype)
    return [W1, b1, W2, b2]


# --8<-- [end:data]


# --8<-- [start:forward]
def forward(X, params, act="tanh"):
    """返回 logits Z2（N×K）和反向传播要用的中间量。"""
    W1, b1, W2, b2 = params
    Z1 = X @ W1.T + b1  # (N, d) @ (d, h) + (h,) → (N, h)，b1 沿样本维复制成 N 行
    A = torch.tanh(Z1) if act == "tanh" else torch.relu(Z1)  # (N, h)，逐元素
    Z2 = A @ W2.T + b2  # (N, h) @ (h, K) + (K,) → (N, K)
    return Z2, (Z1, A, Z2)  # 第二项是缓存：反向传播直接用，不必重算


def cross_entropy(Z, y):
    """平均交叉熵，用 log-sum-exp 稳定地计算：ℓ_i = logsumexp(Z_i) − Z_i[y_i]。"""
    m = Z.max(dim=1, keepdim=True).values  # (N, 1)，每行的最大值
    lse = m.squeeze(1) + torch.log(torch.exp(Z - m).sum(dim=1))  # (N,)，每个 exp 的指数 ≤ 0
    return (lse - Z[torch.arange(len(y)), y]).mean()


def softmax(Z):
    e = torch.exp(Z - Z.max(dim=1, keepdim=True).values)  # 每个样本的分数减去其中的最大值，不会上溢
    return e / e.sum(dim=1, keepdim=True)


# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(X, y, params, cache, act="tanh"):
    """手写的反向传播：返回 L 对 W1、b1、W2、b2 的梯度，各与参数同形。"""
    W2 = params[2]  # 反向只用到 W2（以及缓存的中间量）
    Z1, A, Z2 = cache
    N, K = len(y), W2.shape[0]
    G2 = (softmax(Z2) - torch.nn.functional.one_hot(y, K)) / N  # ∂L/∂Z2：(N, K)
    dW2 = G2.T @ A  # (K, N) @ (N, h) → (K, h)，与 W2 同形
    db2 = G2.sum(dim=0)  # (K,)：b2 在前向被复制成 N 行，反向沿样本维（dim=0）把 N 行加起来
    dA = G2 @ W2  # (N, K) @ (K, h) → (N, h)
    if act == "tanh":
        G1 = dA * (1 - A**2)  # ∂L/∂Z1：对角雅可比矩阵 = 逐元素相乘，(N, h)
    else:
        G1 = dA * (Z1 > 0)  # ReLU 的导数：z > 0 时 1，否则 0（z = 0 处约定为 0）
    dW1 = G1.T @ X  # (h, N) @ (N, d) → (h, d)
    db1 = G1.sum(dim=0)  # (h,)
    return [dW1, db1, dW2, db2]


# --8<-- [end:backward]
