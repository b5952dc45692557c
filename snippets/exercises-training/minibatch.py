import itertools

import torch

# N 个样本的逐样本梯度 g_i（模型 ŷ = w x，损失 (w x - y)²，在 w = 0.5 处）
torch.manual_seed(0)
N = 8
x = torch.randn(N, dtype=torch.float64)
y = 2 * x + 0.5 * torch.randn(N, dtype=torch.float64)
w = 0.5
g = 2 * x * (w * x - y)
full = g.mean()
tau2 = ((g - full) ** 2).mean()  # 总体方差，除以 N
print(f"全量梯度 ḡ = {full.item():.6f}，τ² = {tau2.item():.6f}")

# 枚举全部 C(N, B) 个等可能的小批量（不放回抽样），精确地算均值和方差
for B in (1, 2, 4, 8):
    est = torch.stack([g[list(S)].mean() for S in itertools.combinations(range(N), B)])
    var = ((est - est.mean()) ** 2).mean()
    formula = tau2 / B * (N - B) / (N - 1)
    print(f"B = {B}：E[ĝ] = {est.mean().item():.6f}，Var = {var.item():.6f}，公式 {formula.item():.6f}")

# 损失用和而不用平均：梯度放大 B 倍
wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
(g_mean,) = torch.autograd.grad(((wt * x - y) ** 2).mean(), wt)
(g_sum,) = torch.autograd.grad(((wt * x - y) ** 2).sum(), wt)
print(f"sum 的梯度 / mean 的梯度 = {(g_sum / g_mean).item():.4f}")
