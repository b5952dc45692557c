from value import Value


class Overwrite(Value):
    """错误示范：与 Value 相同，只是加法和乘法的反向规则把 += 写成了 =。"""

    def __add__(self, other):
        out = Overwrite(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad = out.grad
            other.grad = out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        out = Overwrite(self.data * other.data, (self, other), "×")

        def _backward():
            self.grad = other.data * out.grad
            other.grad = self.data * out.grad

        out._backward = _backward
        return out


for cls, label in [(Value, "+= 累加"), (Overwrite, "=  覆盖")]:
    x, y = cls(3.0), cls(4.0)
    f = (x + y) * x  # x 两次被用到：经过 a = x + y，和直接进入乘法
    f.backward()
    x2 = cls(3.0)
    square = x2 * x2  # 同一个节点同时是乘法的两个输入
    square.backward()
    print(f"{label}：(x + y)·x 的 ∂/∂x = {x.grad:4.1f}，x·x 的 d/dx = {x2.grad:4.1f}")
print("正确答案：2x + y = 10.0，2x = 6.0")
