#=
  Deep Learning, Homework 2  --  Back propagation + MNIST
  Jun-ho Park, PhD student in Economics (2nd year), elective

  I do all my work in Julia (QuantEcon habit), so the written answers are in
  this comment block and the small numerical checks are below. The MNIST part
  was done in the provided PyTorch template (DeepMNIST.py), submitted separately.

  Notation (as in my macro courses):
      f'_{w_j}  :=  partial derivative of f w.r.t. w_j   (holding the other w's fixed)
      σ'(u)     :=  dσ/du
      x_1 := w_1 x ,   x_2 := w_2 σ_1(x_1)      (same as the sheet)
      so  f = w_3 σ_2(x_2),   σ_1 = σ_2 = σ = 1/(1+e^{-u})

  ---------------------------------------------------------------------------
  PROBLEM 1
  ---------------------------------------------------------------------------
  (a) graph: x -> [*w1] -> x_1 -> [σ1] -> [*w2] -> x_2 -> [σ2] -> [*w3] -> f
      (drawn by hand, photo in the PDF)

  (b) (i)  σ'(u) = e^{-u} / (1 + e^{-u})^2
      (ii) σ'(u) = σ(u)(1 - σ(u))
           [pf: σ(u)(1-σ(u)) = 1/(1+e^{-u}) * e^{-u}/(1+e^{-u}) ]

  (c) forward pass = evaluate x_1, σ1(x_1), x_2, σ2(x_2), f given (x, w) and keep
      them; backward pass = apply the chain rule backwards from f (or the loss)
      to get the derivatives w.r.t. the weights, reusing the forward values.
      (Very much like computing multipliers backwards in a dynamic program.)

  (d) f'_{w_3} = σ_2(x_2) = σ(w_2 σ(w_1 x))

  (e) chain rule, "marginal effect of w_2 through x_2":
        f'_{w_2} = f'_{σ_2} * σ_2'(x_2) * (x_2)'_{w_2}
                 = w_3 σ_2(x_2)(1 - σ_2(x_2)) σ_1(x_1)

      and of w_1 through x_1 -> σ_1 -> x_2:
        f'_{w_1} = f'_{σ_2} * σ_2'(x_2) * (x_2)'_{σ_1} * σ_1'(x_1) * (x_1)'_{w_1}
                 = w_3 σ_2(x_2)(1 - σ_2(x_2)) * w_2 * σ_1(x_1)(1 - σ_1(x_1)) * x

  (f) L(w) = Σ_{(x,y)∈D} (y - f_w(x))^2 ,  D = {(x^1,y^1),(x^2,y^2)}

      L'_{w_j} = Σ_{i=1,2} 2 (y^i - f_w(x^i)) * (-1) * f'_{w_j}(x^i)
               = Σ_{i=1,2} 2 (f_w(x^i) - y^i) f'_{w_j}(x^i),     j = 1,2,3

      ∇_w L = Σ_{i=1,2} 2 (f_w(x^i) - y^i) ( f'_{w_1}(x^i), f'_{w_2}(x^i), f'_{w_3}(x^i) )'

      where f'_{w_j}(x^i) are the expressions from (d),(e) evaluated at x = x^i.

      Gradient descent, step α:
        w^{new} = w - α ∇_w L
      (the "tâtonnement" step: move each w_j against its own marginal loss L'_{w_j})

  Summary of marginal effects (for my own reference / the code below):
      f'_{w_3} = σ_2(x_2)
      f'_{w_2} = w_3 σ_2(1-σ_2) σ_1
      f'_{w_1} = w_3 σ_2(1-σ_2) w_2 σ_1(1-σ_1) x_1

  ---------------------------------------------------------------------------
  PROBLEM 2 (MNIST)
  ---------------------------------------------------------------------------
  (a) input: 28 x 28 (x1)
      conv1 filter: 5 x 5 x 1, 20 filters  (5x5x1x20)
      after conv1: 24 x 24 x 20
      after 2x2 max pooling: 12 x 12 x 20

  (b) (12 - F)/S + 1 = 8 with no padding  =>  F = 5, S = 1
      filter size: 5 x 5
      stride: 1
      channel dimension: 50 (I think -- or is it 20? I am not sure whether
      "channel dimension" means the depth of the filter or the number of
      output channels here)
      -> 8 x 8 x 50, after pooling 4 x 4 x 50

  (c) parameters incl. biases
      conv1 : (5*5*1  + 1)*20  =     520
      relu1 :                        0
      pool1 :                        0
      conv2 : (5*5*20 + 1)*50  =  25,050
      relu2 :                        0
      pool2 :                        0
      fc1   : (800 + 1)*500    = 400,500
      fc2   : (500 + 1)*10     =   5,010
      total                    = 431,080   (torch also prints 431080)

      test accuracy after 10 epochs: 99.12 %
=#

σ(u) = 1 / (1 + exp(-u))
dσ(u) = σ(u) * (1 - σ(u))

f(w, x) = w[3] * σ(w[2] * σ(w[1] * x))

fprime_w3(w, x) = σ(w[2] * σ(w[1] * x))
function fprime_w2(w, x)
    x1 = w[1] * x
    x2 = w[2] * σ(x1)
    return w[3] * dσ(x2) * σ(x1)
end
# TODO fprime_w1 -- did not get to it before the deadline

# central finite differences, h = 1e-6
function fd(w, x, j; h = 1e-6)
    e = zeros(3); e[j] = h
    return (f(w .+ e, x) - f(w .- e, x)) / (2h)
end

w = [1.0, 1.0, 1.0]; x = 1.0
println("f'_w3: analytic = ", fprime_w3(w, x), "   fd = ", fd(w, x, 3))
println("f'_w2: analytic = ", fprime_w2(w, x), "   fd = ", fd(w, x, 2))
# output I got:
# f'_w3: analytic = 0.6750375273768237   fd = 0.6750375273756326
# f'_w2: analytic = 0.16036637250863844   fd = 0.16036637251470864
