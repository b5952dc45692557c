import math

import torch
from torch.autograd.functional import jacobian


def polar_to_cartesian(p):
    r, theta = p
    return torch.stack([r * torch.cos(theta), r * torch.sin(theta)])


r, theta = 2.0, math.pi / 6
J = jacobian(polar_to_cartesian, torch.tensor([r, theta], dtype=torch.float64))
by_hand = torch.tensor(
    [
        [math.cos(theta), -r * math.sin(theta)],  # ∂x/∂r, ∂x/∂θ
        [math.sin(theta), r * math.cos(theta)],  # ∂y/∂r, ∂y/∂θ
    ],
    dtype=torch.float64,
)
print(J)
print(f"与手算一致：{torch.allclose(J, by_hand)}，det J = {torch.linalg.det(J).item():.6f}，r = {r}")

# 链式法则：Q = x² + y² = r²，∇_(r,θ) Q = Jᵀ ∇_(x,y) Q
x, y = polar_to_cartesian(torch.tensor([r, theta], dtype=torch.float64))
grad_xy = torch.stack([2 * x, 2 * y])
dQ_dr, dQ_dtheta = (J.T @ grad_xy).tolist()
print(f"Jᵀ ∇_(x,y)Q = ({dQ_dr:.6f}, {dQ_dtheta:.6f})")
