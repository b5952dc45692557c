import torch
from value import Value


def h(p, q, r):
    """同一段代码既能吃 Value，也能吃 torch 张量：两者的方法名相同。"""
    u = p * q + r
    return u**2 / (1 + (-p).exp()) + (r - q).tanh() * p.maximum(q) - r.log() + (q + r).relu()


point = (0.5, -1.2, 2.0)

# 自己写的 Value
mine = [Value(v) for v in point]
out = h(*mine)
out.backward()

# PyTorch，双精度
theirs = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in point]
out_t = h(*theirs)
out_t.backward()

print(f"h：Value {out.data:.12f}，PyTorch {out_t.item():.12f}")
for name, m, t in zip("pqr", mine, theirs):
    diff = abs(m.grad - t.grad.item())  # 只剩舍入误差：打印到第 14 位小数
    print(f"∂h/∂{name}：Value {m.grad:+.12f}，PyTorch {t.grad.item():+.12f}，|差| = {diff:.14f}")
