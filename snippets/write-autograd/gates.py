import torch
from value import Value

# 每个门 z = 门(p, q) 后面再乘 5：L = 5z，于是门的输出 z 的梯度是 ∂L/∂z = 5
cases = [
    ("p + q", lambda p, q: p + q, 3.0, -2.0),
    ("p * q", lambda p, q: p * q, 3.0, -2.0),
    ("max(p, q)", lambda p, q: p.maximum(q), 3.0, -2.0),
    ("max(p, q)", lambda p, q: p.maximum(q), -2.0, 3.0),
    ("max(p, q)", lambda p, q: p.maximum(q), 1.5, 1.5),
]
for name, gate, p_val, q_val in cases:
    p, q = Value(p_val), Value(q_val)
    z = gate(p, q)
    L = 5 * z
    L.backward()
    print(f"{name:9}  p = {p_val:4.1f}, q = {q_val:4.1f}:  ∂L/∂z = {z.grad}", end="  →  ")
    print(f"∂L/∂p = {p.grad:5.1f}, ∂L/∂q = {q.grad:5.1f}")

# 平局和 relu 在 0 处：PyTorch 的约定
p = torch.tensor(1.5, requires_grad=True)
q = torch.tensor(1.5, requires_grad=True)
(5 * torch.maximum(p, q)).backward()
print(f"torch.maximum，p = q = 1.5：∂L/∂p = {p.grad.item():.1f}, ∂L/∂q = {q.grad.item():.1f}")
p_mine, p_torch = Value(0.0), torch.tensor(0.0, requires_grad=True)
(5 * p_mine.relu()).backward()
(5 * torch.relu(p_torch)).backward()
print(f"relu 在 p = 0 处：Value 给 ∂L/∂p = {p_mine.grad:.1f}，torch.relu 给 {p_torch.grad.item():.1f}")
