import torch
from torch.autograd import gradcheck

cases = {
    "relu(x) − relu(−x)": lambda x: torch.relu(x) - torch.relu(-x),
    "clamp(x, min=0) + clamp(x, max=0)": lambda x: torch.clamp(x, min=0) + torch.clamp(x, max=0),
    "relu(x) + relu(−x)": lambda x: torch.relu(x) + torch.relu(-x),
    "maximum(x, 2x)": lambda x: torch.maximum(x, 2 * x),
}
h = 1e-6  # 与 gradcheck 的默认步长相同
for name, f in cases.items():
    x = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    f(x).backward()
    ends = torch.tensor([h, -h], dtype=torch.float64)
    up, down = f(ends).tolist()
    grads = []
    for x0 in (-0.5, 0.5):  # 折点两侧各取一点，看两边的导数
        t = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        f(t).backward()
        grads.append(t.grad.item())
    ok = gradcheck(f, (x,), raise_exception=False)
    print(
        f"{name:34}左侧导数 {grads[0]:+.1f}，右侧导数 {grads[1]:+.1f}；x = 0 处 autograd {x.grad.item():+.1f}，"
        f"中心差分 {(up - down) / (2 * h):+.4f}，gradcheck {ok}"
    )
