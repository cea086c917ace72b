<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CompareTable</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Final loss (per sample)</source>
        <translation>최종 손실 (샘플당)</translation>
    </message>
    <message>
        <source>Steps to ≤ target</source>
        <translation>목표 도달 단계</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Target loss per sample:</source>
        <translation>샘플당 목표 손실:</translation>
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
    <name>LossPlot</name>
    <message>
        <source>per sample</source>
        <translation>샘플당</translation>
    </message>
    <message>
        <source>Every curve as the mean loss of one sample (Ē = E / batch size for &quot;sum&quot;): batch, test and whole-training-set losses on one scale</source>
        <translation>모든 곡선을 샘플 하나의 평균 손실로 표시합니다 (&quot;sum&quot;이면 Ē = E / 배치 크기): 배치, 테스트, 전체 학습 데이터의 손실을 같은 척도로 봅니다</translation>
    </message>
    <message>
        <source>loss per sample Ē (mean)</source>
        <translation>샘플당 손실 Ē (평균)</translation>
    </message>
    <message>
        <source>whole training set, at each epoch end</source>
        <translation>전체 학습 데이터, 에포크마다</translation>
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
    <name>RunComparison</name>
    <message>
        <source>&amp;Keep This Run for Comparison</source>
        <translation>비교용으로 이 실행 보관(&amp;K)</translation>
    </message>
    <message>
        <source>Freeze the run&apos;s curves as a dashed ghost; change anything and train again</source>
        <translation>이 실행의 곡선을 점선으로 고정합니다. 무엇이든 바꾸고 다시 학습하세요</translation>
    </message>
    <message>
        <source>&amp;Clear Comparison</source>
        <translation>비교 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Compare &amp;Sigmoid and ReLU (vanishing gradient, {steps} steps)</source>
        <translation>시그모이드와 ReLU 비교(&amp;S) (기울기 소멸 문제, {steps}단계)</translation>
    </message>
    <message>
        <source>Train {steps} steps</source>
        <translation>{steps}단계 학습</translation>
    </message>
    <message>
        <source>now</source>
        <translation>현재</translation>
    </message>
</context>
<context>
    <name>RunTools</name>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>비교(&amp;C)</translation>
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
    <name>TimelineBar</name>
    <message>
        <source>Drag to see the network as it was at an earlier step (or click the loss curve)</source>
        <translation>끌어서 이전 단계의 네트워크를 보세요 (손실 곡선을 클릭해도 됩니다)</translation>
    </message>
    <message>
        <source>Back to now</source>
        <translation>현재로</translation>
    </message>
    <message>
        <source>Continue from here</source>
        <translation>여기서 계속</translation>
    </message>
    <message>
        <source>Make the shown step the current network and run (parameters, optimizer state, counters, curves). Undoable.</source>
        <translation>보이는 단계를 현재 네트워크와 실행으로 만듭니다 (파라미터, 최적화기 상태, 카운터, 곡선). 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <source>Viewing step {shown} of {now}: the network as it was then (read only; editing or training goes back to now).</source>
        <translation>{now}단계 중 {shown}단계를 보는 중: 그때의 네트워크입니다 (읽기 전용, 편집하거나 학습하면 현재로 돌아갑니다).</translation>
    </message>
    <message>
        <source>Now: step {now}. Drag the slider or click the loss curve to look back (every step of the last {window} exactly; {memory} MB kept).</source>
        <translation>현재: {now}단계. 슬라이더를 끌거나 손실 곡선을 클릭해 되돌아보세요 (최근 {window}단계는 모두 정확히, {memory} MB 사용).</translation>
    </message>
</context>
<context>
    <name>TimelineController</name>
    <message>
        <source>Continue from step {step}</source>
        <translation>{step}단계에서 계속</translation>
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
    <name>TrainingPanel</name>
    <message>
        <source>full speed</source>
        <translation>최고 속도</translation>
    </message>
    <message>
        <source>{n} steps/s</source>
        <translation>초당 {n}단계</translation>
    </message>
    <message>
        <source>How fast Run trains: at a few steps a second every step is shown, the weights it changed glowing on the canvas</source>
        <translation>실행의 학습 속도: 초당 몇 단계이면 모든 단계가 보이고, 바뀐 가중치가 캔버스에서 빛납니다</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>속도:</translation>
    </message>
</context>
<context>
    <name>TrainingRunner</name>
    <message>
        <source>The file&apos;s training run cannot be carried on ({reason}): training starts a fresh run.</source>
        <translation>파일에 저장된 학습 실행을 이어갈 수 없습니다 ({reason}): 새 실행으로 학습을 시작합니다.</translation>
    </message>
</context>
</TS>
