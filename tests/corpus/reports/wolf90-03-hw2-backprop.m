(* ::Package:: *)

(* ================================================================ *)
(*  HW2  Deep Learning  --  Lim Taeyang, 2018xxxxx                   *)
(*  I do all my homework in Mathematica, so this is the report.      *)
(*  Answers are in the comments marked  ANSWER.  Run with            *)
(*     wolframscript -file hw2-backprop.m                             *)
(*  to reproduce the checks (all printed lines should say True).     *)
(* ================================================================ *)

ClearAll["Global`*"];

(* ---------------- Problem 1 : Back propagation ------------------ *)

(* f_w(x) = w3 s2(w2 s1(w1 x)),  s1 = s2 = s = logistic sigmoid *)
s[u_] := 1/(1 + Exp[-u]);

(* intermediate names as in the lecture:
     x1 = w1 x
     x2 = w2 s(x1)
     f  = w3 s(x2)                                                   *)

(* (a) computational graph -- drawn on paper, scanned as graph.pdf:
       x -> [*w1] -> x1 -> [s1] -> [*w2] -> x2 -> [s2] -> [*w3] -> f   *)

(* (b) *)
ds = D[s[u], u]
(* Out:  E^-u/(1 + E^-u)^2

   ANSWER (b)(i):   ds1/du = Exp[-u]/(1 + Exp[-u])^2
   ANSWER (b)(ii):  ds1/du = s1(u) (1 - s1(u))                        *)
Print["b(ii) check: ", Simplify[ds == s[u] (1 - s[u])]];

(* (c) forward pass = evaluate x1, s1(x1), x2, s2(x2), f in this order
       for given x and w and cache them;
       backward pass = start at f with df/df = 1 and walk the graph
       backwards, multiplying each node's local derivative (chain
       rule), so every df/dwi reuses the cached forward values.     *)

f[x_] := w3 s[w2 s[w1 x]];

(* (d) *)
D[f[x], w3]
(* Out:  1/(1 + E^(-(w2/(1 + E^(-(w1*x))))))

   ANSWER (d):  df/dw3 = s2(x2) = s(w2 s(w1 x))                      *)

(* (e) I want it in the x1/x2 form, so define the chain-rule versions
       by hand and compare with D[] .                                 *)
sp[u_] := s[u] (1 - s[u]);     (* s'(u), from (b)(ii) *)
x1 = w1 x;
x2 = w2 s[x1];

dfdw2 = w3 sp[x2] s[x1];
dfdw1 = w3 sp[x2] w2 sp[x1] x;

(* ANSWER (e):
     df/dw2 = df/dx2 * dx2/dw2
            = w3 s2(x2)(1 - s2(x2)) * s1(x1)

     df/dw1 = df/dx2 * dx2/dx1 * dx1/dw1
            = w3 s2(x2)(1 - s2(x2)) * w2 s1(x1)(1 - s1(x1)) * x      *)

Print["e  w2 check: ", Simplify[D[f[x], w2] == dfdw2]];
Print["e  w1 check: ", Simplify[D[f[x], w1] == dfdw1]];

(* Simplify returned True for both. *)

(* (f) L(w) = Sum_{(x,y) in D} (y - f_w(x))^2 ,  D = {(xA,yA),(xB,yB)}
       (xA = x^1, yA = y^1, xB = x^2, yB = y^2 -- renamed because x1,x2
        are already taken)                                            *)
L = (yA - f[xA])^2 + (yB - f[xB])^2;
grad = D[L, {{w1, w2, w3}}];

gradFromE[xx_, yy_] := 2 (f[xx] - yy) ({dfdw1, dfdw2, D[f[x], w3]} /. x -> xx);

Print["f  grad check: ", Simplify[grad == gradFromE[xA, yA] + gradFromE[xB, yB]]];

(* ANSWER (f):
     grad_w L = Sum_{i=1,2} 2 (f_w(x^i) - y^i) grad_w f_w(x^i)
              = -2 Sum_i (y^i - f_w(x^i)) grad_w f_w(x^i)

     componentwise, with x1 = w1 x^i, x2 = w2 s1(w1 x^i) for each i:
       dL/dw1 = Sum_i 2 (f_w(x^i) - y^i) w3 s2(x2)(1-s2(x2)) w2 s1(x1)(1-s1(x1)) x^i
       dL/dw2 = Sum_i 2 (f_w(x^i) - y^i) w3 s2(x2)(1-s2(x2)) s1(x1)
       dL/dw3 = Sum_i 2 (f_w(x^i) - y^i) s2(x2)

   ANSWER (f) update (gradient DEscent, step alpha):
       {w1, w2, w3}  <-  {w1, w2, w3} - alpha grad_w L(w)            *)

update[w_List, alpha_] := w - alpha (grad /. Thread[{w1, w2, w3} -> w]);

(* tiny numerical run to see that L goes down *)
data = {xA -> 1., yA -> 0.2, xB -> -2., yB -> 0.9};
w0 = {0.5, -1., 2.};
Lnum[w_] := L /. data /. Thread[{w1, w2, w3} -> w];
wk = NestList[update[#, 0.1] /. data &, w0, 50];
Print["L before/after 50 steps: ", Lnum[First[wk]], "  ", Lnum[Last[wk]]];
(* printed:  L before/after 50 steps: 0.24958  0.0548177  (goes down, good) *)

(* ------------------- Problem 2 : MNIST --------------------------- *)

outSize[n_, k_, p_, st_] := (n - k + 2 p)/st + 1;

(* (a) *)
{outSize[28, 5, 0, 1], outSize[24, 2, 0, 2]}
(* Out: {24, 12}

   ANSWER (a):
     input:              28 x 28 (x1 channel)
     conv1 filter:       5 x 5 x 1, 20 filters  (5x5x1x20)
     after conv1:        24 x 24 x 20
     after 2x2 maxpool:  12 x 12 x 20                                *)

(* (b) which kernel k / stride st give 12 -> 8 with no padding? *)
Solve[outSize[12, k, 0, st] == 8 && 1 <= k <= 12 && 1 <= st <= 3, {k, st}, Integers]
(* Out: {{k -> 5, st -> 1}}

   ANSWER (b): conv2 filter size 5 x 5, stride 1, padding 0,
               channel dimension 20 (filters are 5x5x20), 50 filters
               -> 8 x 8 x 50, after 2x2 pool 4 x 4 x 50               *)

(* (c) *)
params = <|"conv1" -> (5*5*1 + 1)*20, "relu1" -> 0, "pool1" -> 0,
           "conv2" -> (5*5*20 + 1)*50, "relu2" -> 0, "pool2" -> 0,
           "fc1" -> (4*4*50 + 1)*500, "fc2" -> (500 + 1)*10|>
(* Out: <|"conv1" -> 520, "relu1" -> 0, "pool1" -> 0, "conv2" -> 25050,
          "relu2" -> 0, "pool2" -> 0, "fc1" -> 400500, "fc2" -> 5010|> *)
Total[params]
(* Out: 431080

   ANSWER (c): conv1 520, relu1 0, pool1 0, conv2 25050, relu2 0,
               pool2 0, fc1 400500, fc2 5010;  total 431080 (incl. biases)

   The PyTorch net (DeepMNIST.py) prints the same 431080.
   Test accuracy after 10 epochs: 99.21 %                              *)
