import torch


def f(p):
    x, y = p[0], p[1]
    return x**3 + 2 * x * y**2  # f(x, y) = x³ + 2xy²


p = torch.tensor([1.0, 2.0], dtype=torch.float64)

# 手算：f_xx = 6x，f_xy = f_yx = 4y，f_yy = 4x，在 (1, 2) 处
by_hand = torch.tensor([[6.0, 8.0], [8.0, 4.0]], dtype=torch.float64)

H1 = torch.func.hessian(f)(p)
H2 = torch.autograd.functional.hessian(f, p)
print("torch.func.hessian:\n", H1)
print("torch.autograd.functional.hessian:\n", H2)
print("与手算一致：", torch.allclose(H1, by_hand), torch.allclose(H2, by_hand))
print("对称：", torch.equal(H1, H1.T))
