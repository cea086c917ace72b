<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ActivationPlot</name>
    <message>
        <source>Activation f and slope f′</source>
        <translation>활성화 함수 f와 기울기 f′</translation>
    </message>
    <message>
        <source>pre-activation z</source>
        <translation>활성화 전 값 z</translation>
    </message>
    <message>
        <source>neurons&apos; (z, f(z))</source>
        <translation>뉴런의 (z, f(z))</translation>
    </message>
    <message>
        <source>neurons&apos; (z, f′(z))</source>
        <translation>뉴런의 (z, f′(z))</translation>
    </message>
    <message>
        <source>layer {layer} (output): {activation}</source>
        <translation>{layer}층 (출력층): {activation}</translation>
    </message>
    <message>
        <source>layer {layer}: {activation}</source>
        <translation>{layer}층: {activation}</translation>
    </message>
    <message>
        <source>largest slope f′ = {slope:.3g} at z = {z:.2g}</source>
        <translation>가장 큰 기울기 f′ = {slope:.3g} (z = {z:.2g})</translation>
    </message>
    <message>
        <source>softmax: each output depends on every z of the layer,
so there is no single curve; marks show (z, a).</source>
        <translation>softmax: 각 출력이 층의 모든 z에 따라 달라지므로
곡선 하나로 그릴 수 없습니다; 점은 (z, a)입니다.</translation>
    </message>
    <message>
        <source>the neurons&apos; z or a are too large to mark
(a plot shows numbers within ±{limit:.0e} only)</source>
        <translation>뉴런의 z 또는 a가 너무 커서 표시할 수 없습니다
(그래프는 ±{limit:.0e} 안의 수만 보여 줍니다)</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>자동 저장 실패: {error}</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Too many neurons to write their numbers: hover one for its values</source>
        <translation>뉴런이 너무 많아 숫자를 쓸 수 없습니다: 뉴런 위에 마우스를 올려 값을 보세요</translation>
    </message>
    <message>
        <source>Numbers hidden at this size: hover for values, zoom in (Ctrl+=) to read</source>
        <translation>이 크기에서는 숫자를 숨깁니다: 마우스를 올려 값을 보거나, 확대(Ctrl+=)해서 읽으세요</translation>
    </message>
    <message>
        <source>Weights between wide layers: hover a line for its value</source>
        <translation>넓은 층 사이의 가중치: 선 위에 마우스를 올려 값을 보세요</translation>
    </message>
    <message>
        <source>In</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>H{n}</source>
        <translation>은닉{n}</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>not enough memory to read the file</source>
        <translation>파일을 읽을 메모리가 부족합니다</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Import cancelled. The data is unchanged.</source>
        <translation>가져오기를 취소했습니다. 데이터는 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>DecisionMap</name>
    <message>
        <source>class 0</source>
        <translation>클래스 0</translation>
    </message>
    <message>
        <source>class 1</source>
        <translation>클래스 1</translation>
    </message>
    <message>
        <source>class {c}</source>
        <translation>클래스 {c}</translation>
    </message>
    <message>
        <source>left click: {one}, right: {zero}</source>
        <translation>왼쪽 클릭: {one}, 오른쪽: {zero}</translation>
    </message>
    <message>
        <source>any click: {name}</source>
        <translation>클릭: {name}</translation>
    </message>
    <message>
        <source>Add a sample of {name}</source>
        <translation>{name} 샘플 추가</translation>
    </message>
</context>
<context>
    <name>DepthPlot</name>
    <message>
        <source>layer (– – step 1, ◆ sample)</source>
        <translation>층 (– – 1단계, ◆ 샘플)</translation>
    </message>
    <message>
        <source>Bars: ‖∂E/∂W‖ of each layer now. Dashes: at the run&apos;s first step. Diamonds: one sample&apos;s share, the mean over the samples of ‖∂Eᵢ/∂W‖, which the samples cannot cancel: the fan from output to input stays visible after the bars have merged.</source>
        <translation>막대: 지금 각 층의 ‖∂E/∂W‖. 점선: 학습 첫 단계의 값. 마름모: 샘플 하나의 몫, 샘플들에 대한 ‖∂Eᵢ/∂W‖의 평균으로, 샘플끼리 상쇄할 수 없습니다: 막대들이 한데 모인 뒤에도 출력에서 입력으로 퍼지는 모양이 보입니다.</translation>
    </message>
</context>
<context>
    <name>DigitWeights</name>
    <message>
        <source>Weights into each output, as 8×8 images (blue: ink here counts for it, orange: against it)</source>
        <translation>각 출력으로 들어가는 가중치를 8×8 이미지로 표시 (파란색: 이 자리의 잉크가 그 숫자에 유리, 주황색: 불리)</translation>
    </message>
    <message>
        <source>Test accuracy: {share:.1%} of {count} images never trained on</source>
        <translation>테스트 정확도: 학습에 쓰지 않은 이미지 {count}개 중 {share:.1%}</translation>
    </message>
</context>
<context>
    <name>GradientCheckPanel</name>
    <message>
        <source>Check Gradients</source>
        <translation>기울기 검사</translation>
    </message>
    <message>
        <source>Compare every backpropagated ∂E/∂θ of the next training batch with a central finite difference (as python main.py gradcheck FILE)</source>
        <translation>다음 학습 배치에서 역전파로 구한 모든 ∂E/∂θ를 중심 차분과 비교합니다 (python main.py gradcheck FILE 과 같음)</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>파라미터</translation>
    </message>
    <message>
        <source>analytic ∂E/∂θ</source>
        <translation>역전파 ∂E/∂θ</translation>
    </message>
    <message>
        <source>numeric ∂E/∂θ</source>
        <translation>수치 ∂E/∂θ</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>상대 오차</translation>
    </message>
    <message>
        <source>No samples to check the gradients on.</source>
        <translation>기울기를 검사할 샘플이 없습니다.</translation>
    </message>
    <message>
        <source>{count} parameters on a batch of {batch} samples are too many to check here (five forward passes each): use python main.py gradcheck FILE</source>
        <translation>샘플 {batch}개 배치에서 파라미터 {count}개는 여기서 검사하기에 너무 많습니다 (각각 순전파 다섯 번): python main.py gradcheck FILE 을 쓰세요</translation>
    </message>
    <message>
        <source>✗ {count} of {total} gradients disagree (largest relative error {worst}, limit {limit}): the backward pass is wrong there, marked red on the canvas.</source>
        <translation>✗ 기울기 {total}개 중 {count}개가 맞지 않습니다 (가장 큰 상대 오차 {worst}, 한계 {limit}): 그 자리의 역전파가 틀렸습니다. 캔버스에 빨간색으로 표시했습니다.</translation>
    </message>
    <message>
        <source>✓ Every gradient agrees on {batch} samples: largest relative error {worst} (limit {limit}).</source>
        <translation>✓ 샘플 {batch}개에서 모든 기울기가 맞습니다: 가장 큰 상대 오차 {worst} (한계 {limit}).</translation>
    </message>
</context>
<context>
    <name>ImportProgress</name>
    <message>
        <source>Cancel import</source>
        <translation>가져오기 취소</translation>
    </message>
    <message>
        <source>Reading the CSV file… %p%</source>
        <translation>CSV 파일을 읽는 중… %p%</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>{z} (input sum):</source>
        <translation>{z} (입력의 합):</translation>
    </message>
    <message>
        <source>{a} (output):</source>
        <translation>{a} (출력):</translation>
    </message>
    <message>
        <source>bias {name}:</source>
        <translation>편향 {name}:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bias{name} of {target}&lt;/b&gt; (layer {layer})</source>
        <translation>&lt;b&gt;{target}의 편향{name}&lt;/b&gt; ({layer}층)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weight{name} from {origin} to {target}&lt;/b&gt; (layer {layer})</source>
        <translation>&lt;b&gt;{origin}에서 {target}(으)로 가는 가중치{name}&lt;/b&gt; ({layer}층)</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>chosen parameters</source>
        <translation>고른 파라미터</translation>
    </message>
    <message>
        <source>2 random directions</source>
        <translation>무작위 두 방향</translation>
    </message>
    <message>
        <source>Random directions: E along two random directions through all parameters, each neuron&apos;s part scaled to its weights (Li et al. 2018), for networks with many parameters</source>
        <translation>무작위 방향: 모든 파라미터를 지나는 무작위 두 방향을 따라 본 E, 뉴런마다 그 가중치 크기에 맞춰 조정 (Li et al. 2018), 파라미터가 많은 신경망용</translation>
    </message>
    <message>
        <source>α (random direction 1)</source>
        <translation>α (무작위 방향 1)</translation>
    </message>
    <message>
        <source>β (random direction 2)</source>
        <translation>β (무작위 방향 2)</translation>
    </message>
    <message>
        <source>E = {loss} here. E(θ + α·d₁ + β·d₂) along two random directions through all {count} parameters, each neuron&apos;s part scaled to the size of its weights (seed {seed}); the path is training&apos;s, projected onto this plane.</source>
        <translation>여기서 E = {loss}. 파라미터 {count}개 모두를 지나는 무작위 두 방향을 따라 본 E(θ + α·d₁ + β·d₂), 뉴런마다 그 가중치 크기에 맞춰 조정 (시드 {seed}); 경로는 학습이 지나온 길을 이 평면에 투영한 것입니다.</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>Start the lesson again</source>
        <translation>레슨 다시 시작</translation>
    </message>
    <message>
        <source>Next lesson</source>
        <translation>다음 레슨</translation>
    </message>
    <message>
        <source>Another network is open: the tasks check the lesson&apos;s own network. Start the lesson again to go on (your progress is kept).</source>
        <translation>다른 신경망이 열려 있습니다: 과제는 레슨의 신경망을 확인합니다. 계속하려면 레슨을 다시 시작하세요(진행 상황은 유지됩니다).</translation>
    </message>
    <message>
        <source>Cannot open the lesson</source>
        <translation>레슨을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Choose a lesson above. Each one opens its own network; you can always leave it, explore, and come back.</source>
        <translation>위에서 레슨을 고르세요. 레슨마다 자신의 신경망을 엽니다. 언제든 떠나 탐색하고 다시 돌아올 수 있습니다.</translation>
    </message>
    <message>
        <source>Type a number, like 1.5, −0.75 or 3e-7.</source>
        <translation>1.5, −0.75, 3e-7 같은 숫자를 입력하세요.</translation>
    </message>
    <message>
        <source>{number}. {title}   {done}/{total}{mark}</source>
        <translation>{number}. {title}   {done}/{total}{mark}</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>레슨</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Close the window</source>
        <translation>창을 닫습니다</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>창에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>How to Read the &amp;Canvas</source>
        <translation>캔버스 읽는 법(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>네트워크(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>단계(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>View</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>속성 보기</translation>
    </message>
    <message>
        <source>Weight Tables</source>
        <translation>가중치 표</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;열림&gt;</translation>
    </message>
    <message>
        <source>History</source>
        <translation>작업 기록</translation>
    </message>
    <message>
        <source>Step Through</source>
        <translation>단계별 실행</translation>
    </message>
    <message>
        <source>Explain This Number</source>
        <translation>이 숫자 설명</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>No data: add samples in the data panel</source>
        <translation>데이터 없음: 데이터 패널에서 샘플을 추가하세요</translation>
    </message>
    <message>
        <source>Sample {n} of {count}</source>
        <translation>샘플 {n} / {count}</translation>
    </message>
    <message>
        <source>Sample {n} of {count}   ·   E = {loss}</source>
        <translation>샘플 {n} / {count}   ·   E = {loss}</translation>
    </message>
    <message>
        <source>How to read the canvas</source>
        <translation>캔버스 읽는 법</translation>
    </message>
    <message>
        <source>About {program}</source>
        <translation>{program} 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;{program}&lt;/b&gt;&lt;p&gt;Build a network, edit every weight and bias, step through the forward pass, the loss, the backward pass and the update one number at a time, then train it.&lt;/p&gt;</source>
        <translation>&lt;b&gt;{program}&lt;/b&gt;&lt;p&gt;네트워크를 만들고, 모든 가중치와 편향을 고치고, 순전파, 손실, 역전파, 갱신을 숫자 하나씩 단계별로 따라간 다음 학습시켜 보세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Columns&lt;/b&gt; are layers, the inputs on the left. Inside each circle is the neuron&apos;s activation a for the chosen sample; under it its bias b.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Lines&lt;/b&gt; are weights: &lt;span style=&apos;color:#2166ac&apos;&gt;blue&lt;/span&gt; above zero, &lt;span style=&apos;color:#b35806&apos;&gt;orange&lt;/span&gt; below; thicker means larger. A thick dark box around a value means it is frozen.&lt;/p&gt;&lt;p&gt;During the &lt;b&gt;backward pass&lt;/b&gt; δ = ∂E/∂z and ∂E/∂w appear in &lt;span style=&apos;color:#762a83&apos;&gt;purple&lt;/span&gt;, on dashed arrows pointing back towards the inputs. The amber halo marks what the current step computes.&lt;/p&gt;&lt;p&gt;Hover anything for all its numbers; click a number to have it explained; double-click a weight or bias to type a new value. Wheel zooms, dragging pans, Ctrl+0 fits.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;세로줄&lt;/b&gt;은 층이며, 입력층이 왼쪽에 있습니다. 각 원 안의 숫자는 선택한 샘플에 대한 뉴런의 활성화 값 a이고, 그 아래는 편향 b입니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;선&lt;/b&gt;은 가중치입니다: &lt;span style=&apos;color:#2166ac&apos;&gt;파란색&lt;/span&gt;은 0보다 크고, &lt;span style=&apos;color:#b35806&apos;&gt;주황색&lt;/span&gt;은 0보다 작습니다. 굵을수록 큽니다. 값 둘레의 굵고 어두운 상자는 고정된 값을 뜻합니다.&lt;/p&gt;&lt;p&gt;&lt;b&gt;역전파&lt;/b&gt; 동안 δ = ∂E/∂z 와 ∂E/∂w 가 &lt;span style=&apos;color:#762a83&apos;&gt;보라색&lt;/span&gt;으로, 입력 쪽을 가리키는 점선 화살표 위에 나타납니다. 호박색 테두리는 현재 단계가 계산하는 것을 표시합니다.&lt;/p&gt;&lt;p&gt;무엇이든 마우스를 올리면 모든 숫자를 볼 수 있고, 숫자를 클릭하면 설명이 나오며, 가중치나 편향을 더블클릭하면 새 값을 입력할 수 있습니다. 휠로 확대/축소, 끌어서 이동, Ctrl+0으로 맞춥니다.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>NetworkActions</name>
    <message>
        <source>&amp;Edit Selected Value</source>
        <translation>선택한 값 편집(&amp;E)</translation>
    </message>
    <message>
        <source>Type a new value for the selected weight or bias</source>
        <translation>선택한 가중치나 편향에 새 값을 입력합니다</translation>
    </message>
    <message>
        <source>&amp;Freeze Selected Parameter</source>
        <translation>선택한 파라미터 고정(&amp;F)</translation>
    </message>
    <message>
        <source>A frozen weight or bias is never trained</source>
        <translation>고정된 가중치나 편향은 학습되지 않습니다</translation>
    </message>
    <message>
        <source>Select &amp;None</source>
        <translation>선택 해제(&amp;N)</translation>
    </message>
    <message>
        <source>Add Layer &amp;Before Selected</source>
        <translation>선택한 층 앞에 층 추가(&amp;B)</translation>
    </message>
    <message>
        <source>Insert a hidden layer in front of the selected layer</source>
        <translation>선택한 층 앞에 은닉층을 넣습니다</translation>
    </message>
    <message>
        <source>Add Layer &amp;After Selected</source>
        <translation>선택한 층 뒤에 층 추가(&amp;A)</translation>
    </message>
    <message>
        <source>Insert a hidden layer behind the selected layer</source>
        <translation>선택한 층 뒤에 은닉층을 넣습니다</translation>
    </message>
    <message>
        <source>&amp;Remove Selected Layer</source>
        <translation>선택한 층 삭제(&amp;R)</translation>
    </message>
    <message>
        <source>Add &amp;Neuron to Selected Layer</source>
        <translation>선택한 층에 뉴런 추가(&amp;N)</translation>
    </message>
    <message>
        <source>Remove Selected Neuron</source>
        <translation>선택한 뉴런 삭제</translation>
    </message>
    <message>
        <source>Re-&amp;initialise Parameters…</source>
        <translation>파라미터 다시 초기화(&amp;I)…</translation>
    </message>
    <message>
        <source>Draw every weight and bias again</source>
        <translation>모든 가중치와 편향을 다시 뽑습니다</translation>
    </message>
    <message>
        <source>Set All Parameters to a &amp;Constant…</source>
        <translation>모든 파라미터를 상수로 설정(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Loss and Learning Rate…</source>
        <translation>손실 함수와 학습률(&amp;L)…</translation>
    </message>
    <message>
        <source>Loss, reduction and learning rate are set in the inspector</source>
        <translation>손실 함수, 합산 방식, 학습률은 속성 보기에서 설정합니다</translation>
    </message>
    <message>
        <source>&amp;Activation of Selected Layer</source>
        <translation>선택한 층의 활성화 함수(&amp;A)</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>바뀌지 않았습니다: {error}</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>바뀌지 않음</translation>
    </message>
    <message>
        <source>Add layer</source>
        <translation>층 추가</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>층 삭제</translation>
    </message>
    <message>
        <source>Add input</source>
        <translation>입력 추가</translation>
    </message>
    <message>
        <source>Add output neuron</source>
        <translation>출력 뉴런 추가</translation>
    </message>
    <message>
        <source>Add neuron</source>
        <translation>뉴런 추가</translation>
    </message>
    <message>
        <source>Remove input</source>
        <translation>입력 삭제</translation>
    </message>
    <message>
        <source>Remove output neuron</source>
        <translation>출력 뉴런 삭제</translation>
    </message>
    <message>
        <source>Remove neuron</source>
        <translation>뉴런 삭제</translation>
    </message>
    <message>
        <source>Set activation to {name}</source>
        <translation>활성화 함수를 {name}(으)로 설정</translation>
    </message>
</context>
<context>
    <name>NeuronThumbnails</name>
    <message>
        <source>its output over the input plane:&lt;br&gt;x₁ from {x0} to {x1} →, x₂ from {y0} to {y1} ↑&lt;br&gt;orange {low} · white {middle} · blue {high}</source>
        <translation>입력 평면 위의 출력:&lt;br&gt;x₁ {x0}부터 {x1}까지 →, x₂ {y0}부터 {y1}까지 ↑&lt;br&gt;주황 {low} · 흰색 {middle} · 파랑 {high}</translation>
    </message>
</context>
<context>
    <name>NewNetworkDialog</name>
    <message>
        <source>give at least an input and an output size, e.g. 2, 3, 1</source>
        <translation>입력 크기와 출력 크기를 적어도 하나씩 주세요. 예: 2, 3, 1</translation>
    </message>
    <message>
        <source>“{part}” is not a whole number</source>
        <translation>“{part}”은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>{size} neurons: every layer needs at least one</source>
        <translation>뉴런 {size}개: 모든 층에는 뉴런이 하나 이상 필요합니다</translation>
    </message>
    <message>
        <source>New network</source>
        <translation>새 네트워크</translation>
    </message>
    <message>
        <source>Neurons per layer, the inputs first: 1, 1, 1 is the worked example&apos;s chain x → y → z</source>
        <translation>층마다 뉴런 수, 입력부터: 1, 1, 1은 예제의 사슬 x → y → z입니다</translation>
    </message>
    <message>
        <source>Activation of each layer</source>
        <translation>층별 활성화 함수</translation>
    </message>
    <message>
        <source>constant: every weight and bias 1, as in the worked example</source>
        <translation>constant: 예제처럼 모든 가중치와 편향이 1</translation>
    </message>
    <message>
        <source>Layer sizes:</source>
        <translation>층 크기:</translation>
    </message>
    <message>
        <source>&lt;small&gt;inputs first, e.g. 2, 3, 1&lt;/small&gt;</source>
        <translation>&lt;small&gt;입력부터, 예: 2, 3, 1&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>손실 함수:</translation>
    </message>
    <message>
        <source>Initial weights:</source>
        <translation>초기 가중치:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>출력층:</translation>
    </message>
    <message>
        <source>Hidden {n}:</source>
        <translation>은닉층 {n}:</translation>
    </message>
    <message>
        <source>the sizes are not finished</source>
        <translation>크기 입력이 끝나지 않았습니다</translation>
    </message>
    <message>
        <source>Not created: {problem}.</source>
        <translation>만들지 않았습니다: {problem}.</translation>
    </message>
</context>
<context>
    <name>PlotFrame</name>
    <message>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 그림</translation>
    </message>
    <message>
        <source>CSV table of the plotted points</source>
        <translation>그래프 점의 CSV 표</translation>
    </message>
    <message>
        <source>plot</source>
        <translation>그래프</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Save as {what}…</source>
        <translation>{what} 파일로 저장…</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>{before} before the program stopped, {ago}</source>
        <translation>프로그램이 멈추기 {before} 전, {ago}</translation>
    </message>
    <message>
        <source>The program stopped without saving your changes; they were autosaved {age}.
Restore the network as it was then?</source>
        <translation>프로그램이 변경 사항을 저장하지 못하고 멈췄습니다. 변경 사항은 {age}에 자동 저장되었습니다.
그때의 신경망으로 되돌릴까요?</translation>
    </message>
</context>
<context>
    <name>ReinitializeDialog</name>
    <message>
        <source>every weight and bias the same value (all neurons of a layer stay alike)</source>
        <translation>모든 가중치와 편향이 같은 값 (한 층의 뉴런이 모두 똑같이 남습니다)</translation>
    </message>
    <message>
        <source>weights and biases drawn evenly from −limit … limit</source>
        <translation>가중치와 편향을 −limit … limit에서 고르게 뽑습니다</translation>
    </message>
    <message>
        <source>Xavier/Glorot: spread suited to sigmoid and tanh, biases 0</source>
        <translation>Xavier/Glorot: sigmoid와 tanh에 맞는 퍼짐, 편향 0</translation>
    </message>
    <message>
        <source>He/Kaiming: spread suited to ReLU, biases 0</source>
        <translation>He/Kaiming: ReLU에 맞는 퍼짐, 편향 0</translation>
    </message>
    <message>
        <source>Re-initialise parameters</source>
        <translation>파라미터 다시 초기화</translation>
    </message>
    <message>
        <source>Scheme:</source>
        <translation>방식:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Value / limit:</source>
        <translation>값 / limit:</translation>
    </message>
    <message>
        <source>Set all parameters to {value:g}</source>
        <translation>모든 파라미터를 {value:g}(으)로 설정</translation>
    </message>
    <message>
        <source>Re-initialise ({scheme}, seed {seed})</source>
        <translation>다시 초기화 ({scheme}, 시드 {seed})</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
</context>
<context>
    <name>StepSource</name>
    <message>
        <source>there are no samples to step through</source>
        <translation>단계별로 실행할 샘플이 없습니다</translation>
    </message>
    <message>
        <source>an online step on sample {sample} alone, not the step training takes (Train one step uses its batch)</source>
        <translation>샘플 {sample} 하나만으로 하는 온라인 갱신이며, 학습이 하는 단계가 아닙니다 (한 단계 학습은 배치를 씁니다)</translation>
    </message>
    <message>
        <source>training step {step:,} on the batch of {count} samples: exactly what Train one step applies</source>
        <translation>샘플 {count}개 배치에 대한 학습 단계 {step:,}: 한 단계 학습이 적용하는 것과 똑같습니다</translation>
    </message>
    <message>
        <source>training step {step:,} on sample {sample}: exactly what Train one step applies</source>
        <translation>샘플 {sample}에 대한 학습 단계 {step:,}: 한 단계 학습이 적용하는 것과 똑같습니다</translation>
    </message>
    <message>
        <source>Stepping through sample {n} alone.</source>
        <translation>샘플 {n} 하나만 단계별로 실행합니다.</translation>
    </message>
    <message>
        <source>Stepping through the batch the next training step uses.</source>
        <translation>다음 학습 단계가 쓰는 배치를 단계별로 실행합니다.</translation>
    </message>
    <message>
        <source>Online update on sample {sample} (η = {rate})</source>
        <translation>샘플 {sample}에 대한 온라인 갱신 (η = {rate})</translation>
    </message>
    <message>
        <source>Update step (batch of {batch}, η = {rate})</source>
        <translation>갱신 단계 (배치 {batch}, η = {rate})</translation>
    </message>
    <message>
        <source>Update step (η = {rate})</source>
        <translation>갱신 단계 (η = {rate})</translation>
    </message>
    <message>
        <source>The weights changed: the step-through starts over from the first step.</source>
        <translation>가중치가 바뀌었습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>The network changed: the step-through starts over from the first step.</source>
        <translation>네트워크가 바뀌었습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>The training settings changed: the step-through starts over from the first step.</source>
        <translation>학습 설정이 바뀌었습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>The data changed: the step-through starts over from the first step.</source>
        <translation>데이터가 바뀌었습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>A new network was opened: the step-through starts over from the first step.</source>
        <translation>새 네트워크를 열었습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Training started over: the step-through starts over from the first step.</source>
        <translation>학습을 처음부터 다시 시작했습니다: 단계별 실행을 첫 단계부터 다시 시작합니다.</translation>
    </message>
</context>
<context>
    <name>StepThrough</name>
    <message>
        <source>The update was not applied: {0}.</source>
        <translation>갱신을 적용하지 않았습니다: {0}.</translation>
    </message>
    <message>
        <source>The update was not applied as shown (training stopped: see the training panel).</source>
        <translation>보이는 대로 갱신을 적용하지 못했습니다 (학습이 멈췄습니다: 학습 패널을 보세요).</translation>
    </message>
    <message>
        <source>Update applied (Undo takes it back). Forward again with the new parameters:</source>
        <translation>갱신을 적용했습니다 (실행 취소로 되돌립니다). 새 파라미터로 다시 순전파:</translation>
    </message>
    <message>
        <source>{n} is not a sample (1…{count})</source>
        <translation>{n}은(는) 샘플 번호가 아닙니다 (1…{count})</translation>
    </message>
    <message>
        <source>Sample {0} alone: starting from the first step.</source>
        <translation>샘플 {0} 하나만: 첫 단계부터 시작합니다.</translation>
    </message>
    <message>
        <source>Nothing to step through: {0}.</source>
        <translation>단계별로 실행할 것이 없습니다: {0}.</translation>
    </message>
    <message>
        <source>This network has too many neurons to step one at a time: stepping layer by layer.</source>
        <translation>이 네트워크는 뉴런이 너무 많아 하나씩 실행할 수 없습니다: 층 단위로 실행합니다.</translation>
    </message>
</context>
<context>
    <name>TaskRow</name>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>your answer</source>
        <translation>답</translation>
    </message>
    <message>
        <source>✓ Passed</source>
        <translation>✓ 통과</translation>
    </message>
    <message>
        <source>Not yet. Hint: {hint}</source>
        <translation>아직 아닙니다. 힌트: {hint}</translation>
    </message>
</context>
<context>
    <name>Tooltips</name>
    <message>
        <source>&lt;br&gt;&lt;b&gt;saturated&lt;/b&gt;: on {share}% of the training samples f′(z) is nearly 0 while the output is far from its target, so it learns slowly there</source>
        <translation>&lt;br&gt;&lt;b&gt;포화&lt;/b&gt;: 학습 샘플의 {share}%에서 출력이 목표값과 먼데도 f′(z)가 거의 0이라, 그곳에서는 느리게 학습합니다</translation>
    </message>
</context>
<context>
    <name>TrainingDocks</name>
    <message>
        <source>Gradient Check</source>
        <translation>기울기 검사</translation>
    </message>
</context>
<context>
    <name>TrainingRunner</name>
    <message>
        <source>The file&apos;s training run cannot be carried on ({reason}): training starts a fresh run.</source>
        <translation>파일에 저장된 학습 실행을 이어갈 수 없습니다 ({reason}): 새 실행으로 학습을 시작합니다.</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Train {steps:,} step</source>
        <translation>학습 {steps:,}단계</translation>
    </message>
    <message>
        <source>Train {steps:,} steps</source>
        <translation>학습 {steps:,}단계</translation>
    </message>
    <message>
        <source>Set bias to {value:g}</source>
        <translation>편향을 {value:g}(으)로 설정</translation>
    </message>
    <message>
        <source>Set weight to {value:g}</source>
        <translation>가중치를 {value:g}(으)로 설정</translation>
    </message>
    <message>
        <source>Freeze parameter</source>
        <translation>파라미터 고정</translation>
    </message>
    <message>
        <source>Unfreeze parameter</source>
        <translation>파라미터 고정 해제</translation>
    </message>
</context>
<context>
    <name>UnitHealth</name>
    <message>
        <source> (on one row in {k}: {diagnosed:,} of {rows:,})</source>
        <translation> ({k}행마다 한 행: {rows:,}행 중 {diagnosed:,}행)</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>Enter to apply, Esc to cancel</source>
        <translation>Enter로 적용, Esc로 취소</translation>
    </message>
</context>
<context>
    <name>WeightTableModel</name>
    <message>
        <source>bias of {target}</source>
        <translation>{target}의 편향</translation>
    </message>
    <message>
        <source>weight from {source} to {target}</source>
        <translation>{source}에서 {target}(으)로 가는 가중치</translation>
    </message>
    <message>
        <source>{what} = {value} — frozen: training never changes it</source>
        <translation>{what} = {value} — 고정됨: 학습이 바꾸지 않습니다</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>{source}에서</translation>
    </message>
    <message>
        <source>Not changed: {problem}.</source>
        <translation>바뀌지 않았습니다: {problem}.</translation>
    </message>
</context>
<context>
    <name>WeightTables</name>
    <message>
        <source>Freeze / unfreeze (training leaves it alone)</source>
        <translation>고정 / 고정 해제 (학습이 건드리지 않음)</translation>
    </message>
    <message>
        <source>Double-click a cell to type a new value; right-click to freeze it. Blue: positive, orange: negative, grey with a lock: frozen.</source>
        <translation>칸을 두 번 눌러 새 값을 입력하고, 오른쪽 버튼으로 고정합니다. 파랑: 양수, 주황: 음수, 자물쇠가 있는 회색: 고정됨.</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>Layer {layer}: {inputs} → {outputs} ({n_in}×{n_out}, {activation})</source>
        <translation>{layer}층: {inputs} → {outputs} ({n_in}×{n_out}, {activation})</translation>
    </message>
</context>
<context>
    <name>WindowLayouts</name>
    <message>
        <source>&amp;Training Layout</source>
        <translation>학습용 화면 구성(&amp;T)</translation>
    </message>
    <message>
        <source>Network, loss, gradients and output map side by side</source>
        <translation>신경망, 손실, 기울기, 출력 지도를 나란히</translation>
    </message>
    <message>
        <source>&amp;Stepping Layout</source>
        <translation>단계별 실행용 화면 구성(&amp;S)</translation>
    </message>
    <message>
        <source>Network, Step Through and Explain This Number</source>
        <translation>신경망, 단계별 실행, 이 숫자 설명</translation>
    </message>
    <message>
        <source>&amp;Restore Default Layout</source>
        <translation>기본 화면 구성으로 되돌리기(&amp;R)</translation>
    </message>
    <message>
        <source>Put every dock back, and switch layouts on Run and on Step again</source>
        <translation>모든 창을 제자리로 돌리고, 실행과 단계 진행 때 다시 화면 구성을 바꿉니다</translation>
    </message>
</context>
</TS>
