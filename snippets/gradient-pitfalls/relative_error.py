import torch


def loss(x):
    return (x * torch.sin(x)).sum()  # L(x) = Σ xᵢ sin xᵢ


# 三种手写的梯度：正确的，漏掉一项的，一项的系数错了的
backwards = {
    "正确：sin x + x cos x": lambda x: torch.sin(x) + x * torch.cos(x),
    "漏项：x cos x": lambda x: x * torch.cos(x),
    "系数错：sin x + 0.9 x cos x": lambda x: torch.sin(x) + 0.9 * x * torch.cos(x),
}


def numeric_grad(x, h):
    """逐个坐标做中心差分。"""
    g = torch.empty_like(x)
    for i in range(x.numel()):
        e = torch.zeros_like(x)
        e[i] = h
        g[i] = (loss(x + e) - loss(x - e)) / (2 * h)
    return g


def rel_error(a, b, tiny=1e-30):
    per_entry = (a - b).abs() / torch.maximum(torch.maximum(a.abs(), b.abs()), torch.tensor(tiny, dtype=a.dtype))
    whole = (a - b).norm() / max(a.norm().item(), b.norm().item(), tiny)
    return per_entry.max().item(), whole.item()


torch.manual_seed(0)
x64 = torch.randn(5, dtype=torch.float64)
for dtype in (torch.float64, torch.float32):
    x = x64.to(dtype)
    h = torch.finfo(dtype).eps ** (1 / 3)  # 上一节的中心差分最优步长的量级
    numeric = numeric_grad(x, h)
    print(f"{str(dtype)[6:]}（h = {h:.1e}）")
    for name, grad in backwards.items():
        worst, whole = rel_error(grad(x), numeric)
        print(f"  逐项最大 {worst:.1e}   按范数 {whole:.1e}   {name}")

# 真梯度的某一项几乎为 0 时，逐项相对误差不可靠：sin x + x cos x 在 x ≈ 2.0288 处为 0
x = torch.tensor([1.0, 2.028757838], dtype=torch.float32)
numeric = numeric_grad(x, torch.finfo(torch.float32).eps ** (1 / 3))
analytic = backwards["正确：sin x + x cos x"](x)
worst, whole = rel_error(analytic, numeric)
print(f"float32，第二项的真值近 0：解析 {analytic[1].item():.1e}，差分 {numeric[1].item():.1e}")
print(f"  逐项最大 {worst:.1e}   按范数 {whole:.1e}")
