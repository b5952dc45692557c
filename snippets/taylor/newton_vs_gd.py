import torch

# 一个类似逻辑回归的光滑凸损失：f(w) = mean log(1 + exp(-tᵢ zᵢᵀw)) + 0.05‖w‖²
gen = torch.Generator().manual_seed(0)
N = 40
Z = torch.randn(N, 2, generator=gen, dtype=torch.float64)
t = torch.where(
    Z @ torch.tensor([2.0, -1.0], dtype=torch.float64) + 0.5 * torch.randn(N, generator=gen, dtype=torch.float64) > 0,
    1.0,
    -1.0,
)


def f(w):
    return torch.nn.functional.softplus(-t * (Z @ w)).mean() + 0.05 * w @ w


grad, hess = torch.func.grad(f), torch.func.hessian(f)

# 海森矩阵 = Zᵀ diag(σ(1-σ)) Z / N + 0.1 I，σ(1-σ) ≤ 1/4，所以 ∇f 的利普希茨常数 L ≤ λ_max(ZᵀZ)/(4N) + 0.1
L = torch.linalg.eigvalsh(Z.T @ Z).max() / (4 * N) + 0.1
eta = 1 / L
print(f"L = λ_max(ZᵀZ)/(4N) + 0.1 = {L:.4f}，梯度下降取 η = 1/L = {eta:.4f}")


def run(step):
    w = torch.zeros(2, dtype=torch.float64)
    for k in range(100000):
        g = grad(w)
        if g.norm() < 1e-8:
            return k, w
        w = w - step(w, g)
    return None, w


k_gd, w_gd = run(lambda w, g: eta * g)
k_nt, w_nt = run(lambda w, g: torch.linalg.solve(hess(w), g))
print("方法        迭代次数   f(w)")
print(f"梯度下降    {k_gd:>8}   {f(w_gd):.10f}")
print(f"牛顿法      {k_nt:>8}   {f(w_nt):.10f}")

w = torch.zeros(2, dtype=torch.float64)
norms = []
for _ in range(k_nt + 1):
    norms.append(grad(w).norm())
    w = w - torch.linalg.solve(hess(w), grad(w))
print("牛顿法每步的 ‖∇f‖：", "  ".join(f"{n:.1e}" for n in norms))
