import torch
from torch.func import grad, hessian, jacfwd, jacrev, jvp, vjp
from value import Value

torch.set_printoptions(precision=4)


# 标量函数：与 Value 对照过的 h(p, q, r)，这里把三个输入排成一个向量 s
def h(s):
    p, q, r = s
    u = p * q + r
    return u**2 / (1 + (-p).exp()) + (r - q).tanh() * p.maximum(q) - r.log() + (q + r).relu()


s = torch.tensor([0.5, -1.2, 2.0], dtype=torch.float64)
print("grad(h)(s)    =", grad(h)(s))  # ∇h，与 s 同形
H = hessian(h)(s)  # 3×3，H[i, j] = ∂²h/∂s_i∂s_j
print("hessian(h)(s) =")
print(H)
print("H 对称：", torch.allclose(H, H.T))


# 核对 H：用自己的 Value 求梯度，再对梯度做中心差分，得到 H 的第 j 列
def value_grad(point):
    vs = [Value(c) for c in point]
    h(vs).backward()
    return torch.tensor([v.grad for v in vs], dtype=torch.float64)


delta = 1e-5
E = torch.eye(3, dtype=torch.float64)
columns = [(value_grad(s + delta * E[j]) - value_grad(s - delta * E[j])) / (2 * delta) for j in range(3)]
H_fd = torch.stack(columns, dim=1)
print("与 Value 梯度的差分相比，最大差 < 1e-8：", (H - H_fd).abs().max().item() < 1e-8)


# 向量函数 g: ℝ³ → ℝ²，雅可比矩阵是 2×3
def g(x):
    x1, x2, x3 = x
    return torch.stack([x1 * x2 * x3, x1 + x2 * x3])


x = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([0.1, 0.3])  # 与 g 的输出同形
d = torch.tensor([1.0, -1.0, 0.5])  # 与 g 的输入同形
J = jacrev(g)(x)
print("jacrev(g)(x) =", J)
print("jacfwd(g)(x) =", jacfwd(g)(x))
_, vjp_fn = vjp(g, x)  # vjp 先做一次前向，返回一个函数：给它 v，它返回 Jᵀv
print("vjp：", vjp_fn(v)[0], "  Jᵀv =", J.T @ v)
_, Jd = jvp(g, (x,), (d,))  # jvp 同时算出 g(x) 和 J d
print("jvp：", Jd, "  J d =", J @ d)
