<TeXmacs|2.1>

<style|<tuple|generic|british>>

<\body>
  <doc-data|<doc-title|Deep Learning, Assignment 2>|<doc-author|<author-data|<author-name|Dmitri Sokolov>|<author-misc|student no. 20186031>>>>

  <section|Back propagation>

  Notation. <math|f<rsub|w><around*|(|x|)>=w<rsub|3>*\<sigma\><rsub|2><around*|(|w<rsub|2>*\<sigma\><rsub|1><around*|(|w<rsub|1>*x|)>|)>>, <math|\<sigma\><rsub|1>=\<sigma\><rsub|2>=\<sigma\>>, <math|\<sigma\><around*|(|u|)>=<frac|1|1+exp<around*|(|-u|)>>>. I name the nodes of the graph

  <\equation*>
    z<rsub|1>=w<rsub|1>*x,<space|2em>a<rsub|1>=\<sigma\><rsub|1><around*|(|z<rsub|1>|)>,<space|2em>z<rsub|2>=w<rsub|2>*a<rsub|1>,<space|2em>a<rsub|2>=\<sigma\><rsub|2><around*|(|z<rsub|2>|)>,<space|2em>f<rsub|w><around*|(|x|)>=w<rsub|3>*a<rsub|2>.
  </equation*>

  <subsection*|(a)>

  <\big-figure|<image|compgraph.png|0.55par|||>>
    Computational graph of <math|f<rsub|w>>: <math|x,w<rsub|1>\<rightarrow\><around*|[|\<times\>|]>\<rightarrow\>z<rsub|1>\<rightarrow\><around*|[|\<sigma\><rsub|1>|]>\<rightarrow\>a<rsub|1>>; <math|a<rsub|1>,w<rsub|2>\<rightarrow\><around*|[|\<times\>|]>\<rightarrow\>z<rsub|2>\<rightarrow\><around*|[|\<sigma\><rsub|2>|]>\<rightarrow\>a<rsub|2>>; <math|a<rsub|2>,w<rsub|3>\<rightarrow\><around*|[|\<times\>|]>\<rightarrow\>f<rsub|w>>.
  </big-figure>

  <subsection*|(b)>

  (i) <math|\<sigma\><around*|(|u|)>=<around*|(|1+e<rsup|-u>|)><rsup|-1>>, so

  <\equation*>
    <frac|d*\<sigma\><rsub|1>|d*u>=-<around*|(|1+e<rsup|-u>|)><rsup|-2>\<cdot\><around*|(|-e<rsup|-u>|)>=<frac|e<rsup|-u>|<around*|(|1+e<rsup|-u>|)><rsup|2>>=<frac|exp<around*|(|-u|)>|<around*|(|1+exp<around*|(|-u|)>|)><rsup|2>>.
  </equation*>

  (ii) Using <math|1-\<sigma\><around*|(|u|)>=<frac|e<rsup|-u>|1+e<rsup|-u>>>:

  <\equation*>
    <frac|d*\<sigma\><rsub|1>|d*u>=\<sigma\><rsub|1><around*|(|u|)>*<around*|(|1-\<sigma\><rsub|1><around*|(|u|)>|)>.
  </equation*>

  Below, <math|\<sigma\><rprime|'><around*|(|u|)>> denotes exactly this, <math|\<sigma\><rprime|'><around*|(|u|)>=\<sigma\><around*|(|u|)>*<around*|(|1-\<sigma\><around*|(|u|)>|)>>.

  <subsection*|(c)>

  Forward pass: evaluate the graph in topological order, <math|x\<rightarrow\>z<rsub|1>\<rightarrow\>a<rsub|1>\<rightarrow\>z<rsub|2>\<rightarrow\>a<rsub|2>\<rightarrow\>f<rsub|w>> (and the loss), caching every intermediate value.

  Backward pass: traverse the graph in reverse order; each node multiplies the incoming gradient (derivative of the output/loss w.r.t. the node's output) by its local derivative and passes it on to its inputs. At a parameter node this product is the derivative of the output w.r.t. that parameter. The cached values of the forward pass are used in the local derivatives.

  <subsection*|(d)>

  <\equation*>
    <frac|\<partial\>f<rsub|w>|\<partial\>w<rsub|3>>=a<rsub|2>=\<sigma\><rsub|2><around*|(|w<rsub|2>*\<sigma\><rsub|1><around*|(|w<rsub|1>*x|)>|)>.
  </equation*>

  <subsection*|(e)>

  <\eqnarray*>
    <tformat|<table|<row|<cell|<frac|\<partial\>f<rsub|w>|\<partial\>w<rsub|2>>>|<cell|=>|<cell|<frac|\<partial\>f<rsub|w>|\<partial\>a<rsub|2>>*<frac|\<partial\>a<rsub|2>|\<partial\>z<rsub|2>>*<frac|\<partial\>z<rsub|2>|\<partial\>w<rsub|2>>=w<rsub|3>*\<sigma\><rprime|'><around*|(|z<rsub|2>|)>*a<rsub|1>>>|<row|<cell|>|<cell|=>|<cell|w<rsub|3>*\<sigma\><around*|(|z<rsub|2>|)>*<around*|(|1-\<sigma\><around*|(|z<rsub|2>|)>|)>*\<sigma\><around*|(|z<rsub|1>|)>,>>|<row|<cell|<frac|\<partial\>f<rsub|w>|\<partial\>w<rsub|1>>>|<cell|=>|<cell|<frac|\<partial\>f<rsub|w>|\<partial\>a<rsub|2>>*<frac|\<partial\>a<rsub|2>|\<partial\>z<rsub|2>>*<frac|\<partial\>z<rsub|2>|\<partial\>a<rsub|1>>*<frac|\<partial\>a<rsub|1>|\<partial\>z<rsub|1>>*<frac|\<partial\>z<rsub|1>|\<partial\>w<rsub|1>>=w<rsub|3>*\<sigma\><rprime|'><around*|(|z<rsub|2>|)>*w<rsub|2>*\<sigma\><rprime|'><around*|(|z<rsub|1>|)>*x>>|<row|<cell|>|<cell|=>|<cell|w<rsub|2>*w<rsub|3>*x*\<sigma\><around*|(|z<rsub|2>|)>*<around*|(|1-\<sigma\><around*|(|z<rsub|2>|)>|)>*\<sigma\><around*|(|z<rsub|1>|)>*<around*|(|1-\<sigma\><around*|(|z<rsub|1>|)>|)>.>>>>
  </eqnarray*>

  <subsection*|(f)>

  <math|\<cal-L\><around*|(|w|)>=<big|sum><rsub|<around*|(|x,y|)>\<in\>D><around*|(|y-f<rsub|w><around*|(|x|)>|)><rsup|2>> with <math|D=<around*|{|<around*|(|x<rsup|1>,y<rsup|1>|)>,<around*|(|x<rsup|2>,y<rsup|2>|)>|}>>. Differentiating each square,

  <\equation*>
    \<nabla\><rsub|w>\<cal-L\><around*|(|w|)>=<big|sum><rsub|i=1><rsup|2>-2*<around*|(|y<rsup|i>-f<rsub|w><around*|(|x<rsup|i>|)>|)>*\<nabla\><rsub|w>f<rsub|w><around*|(|x<rsup|i>|)>=<big|sum><rsub|i=1><rsup|2>2*<around*|(|f<rsub|w><around*|(|x<rsup|i>|)>-y<rsup|i>|)>*<matrix|<tformat|<table|<row|<cell|w<rsub|3>*w<rsub|2>*x<rsup|i>*\<sigma\><rprime|'><around*|(|z<rsub|2><rsup|i>|)>*\<sigma\><rprime|'><around*|(|z<rsub|1><rsup|i>|)>>>|<row|<cell|w<rsub|3>*\<sigma\><rprime|'><around*|(|z<rsub|2><rsup|i>|)>*a<rsub|1><rsup|i>>>|<row|<cell|a<rsub|2><rsup|i>>>>>>,
  </equation*>

  where <math|z<rsub|1><rsup|i>,a<rsub|1><rsup|i>,z<rsub|2><rsup|i>,a<rsub|2><rsup|i>> are the node values of the forward pass for input <math|x<rsup|i>> (<math|z<rsub|1><rsup|i>=w<rsub|1>*x<rsup|i>>, <math|a<rsub|1><rsup|i>=\<sigma\><around*|(|z<rsub|1><rsup|i>|)>>, <math|z<rsub|2><rsup|i>=w<rsub|2>*a<rsub|1><rsup|i>>, <math|a<rsub|2><rsup|i>=\<sigma\><around*|(|z<rsub|2><rsup|i>|)>>).

  Gradient descent with step size <math|\<alpha\>>:

  <\equation*>
    w\<leftarrow\>w-\<alpha\>*\<nabla\><rsub|w>\<cal-L\><around*|(|w|)>,<space|2em><text|i.e.><space|1em>w<rsub|j><rsup|<text|new>>=w<rsub|j>-\<alpha\>*<big|sum><rsub|i=1><rsup|2>2*<around*|(|f<rsub|w><around*|(|x<rsup|i>|)>-y<rsup|i>|)>*<frac|\<partial\>f<rsub|w><around*|(|x<rsup|i>|)>|\<partial\>w<rsub|j>>,<space|1em>j=1,2,3.
  </equation*>

  <section|MNIST>

  <subsection*|(a)>

  Input <math|28\<times\>28> (one channel). Conv1 has 20 filters of size <math|5\<times\>5\<times\>1> (weight tensor <math|5\<times\>5\<times\>1\<times\>20>). With stride 1 and no padding the output is <math|<around*|(|28-5+1|)>=24>, i.e. <math|24\<times\>24\<times\>20>; after <math|2\<times\>2> max-pooling <math|12\<times\>12\<times\>20>.

  <subsection*|(b)>

  <math|12-k+1=8\<Rightarrow\>k=5> (stride 1, padding 0). So conv2: filter <math|5\<times\>5>, stride 1, channel dimension 20 (the filters are <math|5\<times\>5\<times\>20>, and there are 50 of them <math|\<rightarrow\>8\<times\>8\<times\>50>, pooled to <math|4\<times\>4\<times\>50>).

  <subsection*|(c)>

  <big-table|<tabular|<tformat|<cwith|1|1|1|-1|cell-bborder|1ln>|<cwith|9|9|1|-1|cell-bborder|1ln>|<cwith|1|-1|3|3|cell-halign|r>|<table|<row|<cell|layer>|<cell|weights + biases>|<cell|parameters>>|<row|<cell|conv1>|<cell|<with|mode|math|5\<cdot\>5\<cdot\>1\<cdot\>20+20>>|<cell|520>>|<row|<cell|relu1>|<cell|--->|<cell|0>>|<row|<cell|pool1>|<cell|--->|<cell|0>>|<row|<cell|conv2>|<cell|<with|mode|math|5\<cdot\>5\<cdot\>20\<cdot\>50+50>>|<cell|25,050>>|<row|<cell|relu2>|<cell|--->|<cell|0>>|<row|<cell|pool2>|<cell|--->|<cell|0>>|<row|<cell|fc1>|<cell|<with|mode|math|800\<cdot\>500+500>>|<cell|400,500>>|<row|<cell|fc2>|<cell|<with|mode|math|500\<cdot\>10+10>>|<cell|5,010>>|<row|<cell|<strong|total>>|<cell|>|<cell|<strong|431,080>>>>>>|Parameter count (fc1 input: <math|4\<cdot\>4\<cdot\>50=800>).>

  Test accuracy after 10 epochs: 99.21%.
</body>

<\initial>
  <\collection>
    <associate|page-medium|paper>
    <associate|page-type|a4>
  </collection>
</initial>

<\references>
  <\collection>
    <associate|auto-1|<tuple|1|1>>
    <associate|auto-2|<tuple|1.1|1>>
    <associate|auto-3|<tuple|1|1>>
    <associate|auto-4|<tuple|1.2|1>>
    <associate|auto-5|<tuple|1.3|1>>
    <associate|auto-6|<tuple|1.4|2>>
    <associate|auto-7|<tuple|1.5|2>>
    <associate|auto-8|<tuple|1.6|2>>
    <associate|auto-9|<tuple|2|2>>
    <associate|auto-10|<tuple|2.1|2>>
    <associate|auto-11|<tuple|2.2|2>>
    <associate|auto-12|<tuple|2.3|3>>
    <associate|auto-13|<tuple|1|3>>
  </collection>
</references>

<\auxiliary>
  <\collection>
    <\associate|figure>
      <tuple|normal|<\surround|<hidden-binding|<tuple>|1>|>
        Computational graph of <with|mode|math|f<rsub|w>>
      </surround>|<pageref|auto-3>>
    </associate>
    <\associate|table>
      <tuple|normal|<\surround|<hidden-binding|<tuple>|1>|>
        Parameter count (fc1 input: <with|mode|math|4\<cdot\>4\<cdot\>50=800>).
      </surround>|<pageref|auto-13>>
    </associate>
    <\associate|toc>
      <vspace*|1fn><with|font-series|bold|math-font-series|bold|1<space|2spc>Back propagation> <datoms|<macro|x|<repeat|<arg|x>|<with|font-series|medium|<with|font-size|1|<space|0.2fn>.<space|0.2fn>>>>>|<htab|5mm>> <no-break><pageref|auto-1><vspace|0.5fn>

      <vspace*|1fn><with|font-series|bold|math-font-series|bold|2<space|2spc>MNIST> <datoms|<macro|x|<repeat|<arg|x>|<with|font-series|medium|<with|font-size|1|<space|0.2fn>.<space|0.2fn>>>>>|<htab|5mm>> <no-break><pageref|auto-9><vspace|0.5fn>
    </associate>
  </collection>
</auxiliary>
