from value import Value

# 计算图与反向传播一章的例子：f = (x + y) · x，x 被用了两次
x = Value(3.0)
y = Value(4.0)
a = x + y
f = a * x
names = {x: "x", y: "y", a: "a", f: "f"}

print("拓扑序：", " → ".join(names[node] for node in f.order()))
f.backward()
print("反向处理的顺序：", " → ".join(names[node] for node in reversed(f.order())))
print(f"f = {f.data}，∂f/∂a = {a.grad}，∂f/∂x = {x.grad}，∂f/∂y = {y.grad}")
