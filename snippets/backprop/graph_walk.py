import matplotlib.pyplot as plt
import torch

x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(4.0, requires_grad=True)
f = (x + y) * x
leaf_names = {id(x): "x", id(y): "y"}


def label(node):
    """叶子张量对应的节点是 AccumulateGrad，它把梯度累加进 .grad；其余节点以运算命名。"""
    if hasattr(node, "variable"):
        return f"{leaf_names[id(node.variable)]}  (AccumulateGrad)"
    return type(node).__name__


# 从 f.grad_fn 出发，沿 next_functions 走遍 PyTorch 实际构建的反向图（每个节点只展开一次）
edges = []
seen = [f.grad_fn]
for node in seen:  # seen 在循环中增长，相当于广度优先搜索
    for child, _ in node.next_functions:
        if child is not None:
            edges.append((node, child))
            if child not in seen:
                seen.append(child)

# 节点的深度 = 从输出出发的最长路径长度，用来决定它画在第几列
depth = {node: 0 for node in seen}
for _ in seen:
    for parent, child in edges:
        depth[child] = max(depth[child], depth[parent] + 1)

for parent, child in edges:
    print(f"{label(parent)} -> {label(child)}")

# 按深度分列画图：输出在右，叶子在左；箭头是梯度流动的方向
columns = {}
for node, d in depth.items():
    columns.setdefault(d, []).append(node)
position = {}
deepest = max(columns)
for d, nodes in columns.items():
    for row, node in enumerate(nodes):
        position[node] = (deepest - d, -row + (len(nodes) - 1) / 2)

fig, ax = plt.subplots(figsize=(7, 2.8))
boxes = {
    node: ax.text(
        col,
        row,
        label(node).replace("  ", "\n"),
        ha="center",
        va="center",
        fontsize=10,
        bbox={"boxstyle": "round", "facecolor": "#e8eaf6", "edgecolor": "#3f51b5"},
    )
    for node, (col, row) in position.items()
}
for parent, child in edges:  # 从 parent 的左边缘指向 child 的右边缘
    ax.annotate(
        "",
        xy=(1, 0.5),
        xycoords=boxes[child],
        xytext=(0, 0.5),
        textcoords=boxes[parent],
        arrowprops={"arrowstyle": "-|>", "color": "#555555", "shrinkA": 2, "shrinkB": 2},
    )
ax.text(deepest, 0.75, "f = (x + y) * x", ha="center", fontsize=10)
ax.set_xlim(-0.6, deepest + 0.6)
ax.set_ylim(-1, 1)
ax.axis("off")
