import torch


def f(p):
    return p[0] ** 2 - p[1] ** 2  # f(x, y) = x² - y²


origin = torch.zeros(2, dtype=torch.float64)
H = torch.func.hessian(f)(origin)
print("H =", H.tolist())
print("特征值：", torch.linalg.eigvalsh(H).tolist())  # 一正一负：不定，鞍点

eta = 0.1
print(f"梯度下降沿 y 方向每步把 y 乘以 1 + 2η = {1 + 2 * eta:.1f}，50 步共乘以 {(1 + 2 * eta) ** 50:.0f}")
grad = torch.func.grad(f)
for start in ([0.0, 0.0], [0.0, 1e-6]):
    p = torch.tensor(start, dtype=torch.float64)
    for _ in range(50):
        p = p - eta * grad(p)  # 梯度下降
    print(f"从 ({start[0]:g}, {start[1]:g}) 出发，50 步后 = ({p[0]:.4f}, {p[1]:.4f})，f = {f(p):.4f}")
