# =====================================================================
#  HW3 written answers  --  Arjun Raghunathan  (ar2231)
#  Everything done in the Julia REPL (1.10.2, Symbolics v5.28).
#  REPL transcript is pasted in #= ... =# blocks, my answers are the
#  "ANS" comments. Run the code bits yourself if you want, they work.
# =====================================================================

using Symbolics

#= ---------------------------- REPL ---------------------------------
julia> @variables u x w₁ w₂ w₃
5-element Vector{Num}:
  u
  x
 w₁
 w₂
 w₃

julia> σ(t) = 1 / (1 + exp(-t))
σ (generic function with 1 method)

julia> Du = Differential(u);

julia> dσ = expand_derivatives(Du(σ(u)))
exp(-u) / ((1 + exp(-u))^2)

julia> simplify(dσ - σ(u)*(1 - σ(u)))
exp(-u) / ((1 + exp(-u))^2) - (1 - (1 / (1 + exp(-u)))) / (1 + exp(-u))

julia> # doesn't simplify to 0, check numerically instead
julia> [substitute(dσ - σ(u)*(1 - σ(u)), Dict(u => v)) for v in (-2.0, 0.3, 1.7)]
3-element Vector{Num}:
 0.0
 -1.3877787807814457e-17
 0.0
------------------------------------------------------------------ =#

# 1(a): graph  x --w₁--> x₁ --σ₁--> h₁ --w₂--> x₂ --σ₂--> h₂ --w₃--> f
#       (hand drawing uploaded separately as 1a.png)
#
# 1(b)(i)   ANS:  dσ₁/du = exp(-u) / (1 + exp(-u))^2
# 1(b)(ii)  ANS:  dσ₁/du = σ₁(u) * (1 - σ₁(u))          (numerically identical, see above)
#
# 1(c): forward  = evaluate x₁ = w₁x, h₁ = σ₁(x₁), x₂ = w₂h₁, h₂ = σ₂(x₂), f = w₃h₂ and cache them
#       backward = start with ∂f/∂f = 1 and walk the graph in reverse, each node multiplies the
#                  incoming gradient by its local derivative (chain rule) -> ∂f/∂w₃, ∂f/∂w₂, ∂f/∂w₁

#= ---------------------------- REPL ---------------------------------
julia> f(t) = w₃ * σ(w₂ * σ(w₁ * t))
f (generic function with 1 method)

julia> ∇f = Symbolics.gradient(f(x), [w₁, w₂, w₃]);

julia> ∇f[3]
1 / (1 + exp((-w₂) / (1 + exp(-w₁*x))))

julia> ∇f[2]
(w₃*exp((-w₂) / (1 + exp(-w₁*x)))) / ((1 + exp(-w₁*x))*((1 + exp((-w₂) / (1 + exp(-w₁*x))))^2))

julia> ∇f[1]
(x*w₂*w₃*exp(-w₁*x)*exp((-w₂) / (1 + exp(-w₁*x)))) / (((1 + exp(-w₁*x))^2)*((1 + exp((-w₂) / (1 + exp(-w₁*x))))^2))
------------------------------------------------------------------ =#

# with x₁ = w₁x, x₂ = w₂σ₁(x₁):
#
# 1(d)  ANS:  ∂f/∂w₃ = σ₂(x₂) = σ(w₂ σ(w₁ x))
#
# 1(e)  ANS:  ∂f/∂w₂ = w₃ σ₂'(x₂) σ₁(x₁)
#                    = w₃ σ₂(x₂)(1 - σ₂(x₂)) σ₁(x₁)
#
#             ∂f/∂w₁ = w₃ σ₂'(x₂) w₂ σ₁'(x₁) x
#                    = w₃ σ₂(x₂)(1 - σ₂(x₂)) · w₂ · σ₁(x₁)(1 - σ₁(x₁)) · x
#
#   (same as ∇f[1], ∇f[2] above: exp(-a)/(1+exp(-a))^2 = σ(a)(1-σ(a)))

# 1(f)
# L(w) = Σ_{(x,y)∈D} (y - f_w(x))^2,  D = {(x¹,y¹), (x²,y²)}
#
# ∂/∂w (y - f)^2 = 2(y - f)·(-∂f/∂w) = 2(f - y) ∂f/∂w, so
#
#   ANS:  ∇_w L = Σ_{i=1,2} 2 (f_w(xⁱ) - yⁱ) ∇_w f_w(xⁱ)
#
#         = 2(f_w(x¹) - y¹) [∂f/∂w₁(x¹), ∂f/∂w₂(x¹), ∂f/∂w₃(x¹)]
#         + 2(f_w(x²) - y²) [∂f/∂w₁(x²), ∂f/∂w₂(x²), ∂f/∂w₃(x²)]
#
#   with the (d)/(e) formulas where x is replaced by the data point xⁱ.
#
# update, learning rate α:
#
#   ANS:  w ← w + α ∇_w L          (w₁, w₂, w₃ all updated together)

#= ---------------------------- REPL ---------------------------------
julia> @variables X¹ X² Y¹ Y² α
julia> L = (Y¹ - f(X¹))^2 + (Y² - f(X²))^2;
julia> ∇L = Symbolics.gradient(L, [w₁, w₂, w₃]);
julia> mine = 2*(f(X¹) - Y¹) .* substitute.(∇f, Ref(Dict(x => X¹))) .+
              2*(f(X²) - Y²) .* substitute.(∇f, Ref(Dict(x => X²)));
julia> vals = Dict(w₁=>0.4, w₂=>-0.9, w₃=>1.3, X¹=>2.0, Y¹=>0.5, X²=>-1.0, Y²=>0.1);
julia> substitute.(∇L .- mine, Ref(vals))
3-element Vector{Num}:
 0.0
 0.0
 0.0
julia> w_new = [w₁, w₂, w₃] .+ α .* ∇L;     # update step
------------------------------------------------------------------ =#


# =====================================================================
#  Problem 2  MNIST
# =====================================================================
#
# 2(a)  input dim:               28 × 28 × 1
#       conv1 filter dim:        5 × 5 × 1  (×20 filters)
#       output after conv1:      24 × 24 × 20        ((28-5)/1 + 1 = 24)
#       output after pooling:    12 × 12 × 50
#
# 2(b)  conv2: filter size 5×5, stride 1, channel dim 20  (50 filters, no padding)
#       (12 - 5)/1 + 1 = 8  ->  8×8×50, pool -> 4×4×50
#
# 2(c)  params  (weights + biases), computed in the REPL:

#= ---------------------------- REPL ---------------------------------
julia> p = (conv1 = 5*5*1*20 + 20, relu1 = 0, pool1 = 0,
            conv2 = 5*5*20*50 + 50, relu2 = 0, pool2 = 0,
            fc1 = 4*4*50*500 + 500, fc2 = 500*10 + 10)
(conv1 = 520, relu1 = 0, pool1 = 0, conv2 = 25050, relu2 = 0, pool2 = 0, fc1 = 400500, fc2 = 5010)

julia> sum(p)
431080
------------------------------------------------------------------ =#
#
#   conv1 520 | relu1 0 | pool1 0 | conv2 25050 | relu2 0 | pool2 0 | fc1 400500 | fc2 5010
#   TOTAL = 431080
#
# code: DeepMNIST.py (PyTorch, not Julia sorry), 10 epochs Adam lr=1e-3 -> test acc 99.21 %
