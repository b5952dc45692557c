import torch
import torch.nn.functional as F

x = torch.tensor([-200.0, -20.0, 0.0, 20.0], requires_grad=True)  # float32

naive = torch.log(torch.sigmoid(x))
(g_naive,) = torch.autograd.grad(naive.sum(), x)
stable = -F.softplus(-x)  # log σ(x) = -softplus(-x)
(g_stable,) = torch.autograd.grad(stable.sum(), x)

for i, x0 in enumerate(x.tolist()):
    print(
        f"x = {x0:6.1f}：log(sigmoid) = {naive[i].item():.6g}（导数 {g_naive[i].item():.4g}），"
        f"-softplus(-x) = {stable[i].item():.6g}（导数 {g_stable[i].item():.4g}）"
    )
print(f"与 F.logsigmoid 一致：{torch.allclose(stable, F.logsigmoid(x))}")
