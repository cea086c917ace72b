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
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>문제가 생겼습니다</translation>
    </message>
    <message>
        <source>no display found: run under xvfb-run, or set QT_QPA_PLATFORM=offscreen for screenshots</source>
        <translation>디스플레이가 없습니다: xvfb-run으로 실행하거나, 스크린샷이라면 QT_QPA_PLATFORM=offscreen을 설정하세요</translation>
    </message>
    <message>
        <source>--step {step}: the step-through has {count} steps (choose 0…{count})</source>
        <translation>--step {step}: 단계별 실행은 {count}단계입니다 (0…{count} 중에서 고르세요)</translation>
    </message>
    <message>
        <source>{path}: cannot write the PNG</source>
        <translation>{path}: PNG를 쓸 수 없습니다</translation>
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
    <message>
        <source>{n} value</source>
        <translation>값 {n}개</translation>
    </message>
    <message>
        <source>{n} values</source>
        <translation>값 {n}개</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력층</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력층</translation>
    </message>
    <message>
        <source>Hidden {column}</source>
        <translation>은닉층 {column}</translation>
    </message>
    <message>
        <source>{n} dead</source>
        <translation>죽은 뉴런 {n}개</translation>
    </message>
    <message>
        <source>{n} saturated</source>
        <translation>포화된 뉴런 {n}개</translation>
    </message>
</context>
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
    <name>CsvImport</name>
    <message>
        <source>not enough memory to read the file</source>
        <translation>파일을 읽을 메모리가 부족합니다</translation>
    </message>
</context>
<context>
    <name>CsvOptionsDialog</name>
    <message>
        <source>Detect (a first row without numbers)</source>
        <translation>자동 감지 (숫자가 없는 첫 행)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>예</translation>
    </message>
    <message>
        <source>No</source>
        <translation>아니요</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV 가져오기</translation>
    </message>
    <message>
        <source>last column</source>
        <translation>마지막 열</translation>
    </message>
    <message>
        <source>Target columns by name or number (1 = first), separated by commas; every other column is an input. Empty: the last column.</source>
        <translation>목표값 열의 이름이나 번호(1 = 첫 열)를 쉼표로 구분해 쓰세요. 나머지 열은 모두 입력입니다. 비워 두면 마지막 열입니다.</translation>
    </message>
    <message>
        <source>The target column holds class names: one-hot encode it</source>
        <translation>목표값 열에 클래스 이름이 있습니다: 원-핫 인코딩</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>머리글 행:</translation>
    </message>
    <message>
        <source>Target columns:</source>
        <translation>목표값 열:</translation>
    </message>
    <message>
        <source>&lt;b&gt;{path}&lt;/b&gt; — first lines:</source>
        <translation>&lt;b&gt;{path}&lt;/b&gt; — 처음 몇 줄:</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Generate</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>Replace the data set with a freshly generated one</source>
        <translation>데이터 세트를 새로 생성한 것으로 바꿉니다</translation>
    </message>
    <message>
        <source>Add sample</source>
        <translation>샘플 추가</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>선택 삭제</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV 가져오기…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Share of samples held out for testing</source>
        <translation>테스트용으로 떼어 둘 샘플의 비율</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>분할</translation>
    </message>
    <message>
        <source>Hold out this share of the samples as a test set</source>
        <translation>샘플 중 이 비율을 테스트 세트로 떼어 둡니다</translation>
    </message>
    <message>
        <source>No test split</source>
        <translation>테스트 분할 없음</translation>
    </message>
    <message>
        <source>Put the test samples back into the training samples</source>
        <translation>테스트 샘플을 학습 샘플로 되돌립니다</translation>
    </message>
    <message>
        <source>Built-in data sets</source>
        <translation>내장 데이터 세트</translation>
    </message>
    <message>
        <source>Test share:</source>
        <translation>테스트 비율:</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>must be a whole number, not {number}</source>
        <translation>정수여야 하는데 {number}입니다</translation>
    </message>
    <message>
        <source>A field above is refused; the data is unchanged.</source>
        <translation>위의 입력란 하나가 거부되었습니다. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>{error}; the data is unchanged.</source>
        <translation>{error}. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>Generate {title}</source>
        <translation>{title} 생성</translation>
    </message>
    <message>
        <source>Import data from CSV</source>
        <translation>CSV에서 데이터 가져오기</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.tsv *.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Import cancelled. The data is unchanged.</source>
        <translation>가져오기를 취소했습니다. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV 가져오기</translation>
    </message>
    <message>
        <source>The CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>Cannot import: {reason}. The data is unchanged.</source>
        <translation>가져올 수 없습니다: {reason}. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>Export data as CSV</source>
        <translation>데이터를 CSV로 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>There is no data to export.</source>
        <translation>내보낼 데이터가 없습니다.</translation>
    </message>
    <message>
        <source>Cannot export: {error}</source>
        <translation>내보낼 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Select the rows to remove first (click their numbers on the left).</source>
        <translation>먼저 삭제할 행을 고르세요 (왼쪽의 행 번호를 클릭).</translation>
    </message>
    <message>
        <source>There is no data to split.</source>
        <translation>분할할 데이터가 없습니다.</translation>
    </message>
    <message>
        <source>Hold out {fraction} for testing</source>
        <translation>{fraction}을(를) 테스트용으로 떼어 두기</translation>
    </message>
    <message>
        <source>Remove the test split</source>
        <translation>테스트 분할 없애기</translation>
    </message>
    <message>
        <source>{what} does not fit this network: {problem}. Data unchanged.</source>
        <translation>{what}이(가) 이 네트워크에 맞지 않습니다: {problem}. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>{what} does not suit the loss: {error}. Data unchanged.</source>
        <translation>{what}이(가) 손실 함수에 맞지 않습니다: {error}. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>No data yet: generate a set, import a CSV file or add samples.</source>
        <translation>아직 데이터가 없습니다. 데이터 세트를 생성하거나 CSV 파일을 가져오거나 샘플을 추가하세요.</translation>
    </message>
    <message>
        <source>{n} training samples, {test} test · {inputs} input(s) → {targets} target(s)</source>
        <translation>학습 샘플 {n}개, 테스트 {test}개 · 입력 {inputs}개 → 목표값 {targets}개</translation>
    </message>
    <message>
        <source>{n} training sample, {test} test · {inputs} input(s) → {targets} target(s)</source>
        <translation>학습 샘플 {n}개, 테스트 {test}개 · 입력 {inputs}개 → 목표값 {targets}개</translation>
    </message>
    <message>
        <source>Does not fit the network: {problem}.</source>
        <translation>네트워크에 맞지 않습니다: {problem}.</translation>
    </message>
    <message>
        <source>it has {inputs} input(s) and {targets} target(s), the network {n_in} input(s) and {n_out} output(s)</source>
        <translation>데이터는 입력 {inputs}개와 목표값 {targets}개, 네트워크는 입력 {n_in}개와 출력 {n_out}개입니다</translation>
    </message>
</context>
<context>
    <name>DataTableModel</name>
    <message>
        <source>test {n}</source>
        <translation>테스트 {n}</translation>
    </message>
    <message>
        <source>row {row}, {column}</source>
        <translation>{row}행, {column}</translation>
    </message>
    <message>
        <source>{error}; the data is unchanged.</source>
        <translation>{error}. 데이터는 그대로입니다.</translation>
    </message>
    <message>
        <source>Not changed: {problem}.</source>
        <translation>바꾸지 않았습니다: {problem}.</translation>
    </message>
    <message>
        <source>Set {column} to {number}</source>
        <translation>{column}을(를) {number}(으)로 설정</translation>
    </message>
    <message>
        <source>Add sample</source>
        <translation>샘플 추가</translation>
    </message>
    <message>
        <source>Remove {count} samples</source>
        <translation>샘플 {count}개 삭제</translation>
    </message>
    <message>
        <source>Remove {count} sample</source>
        <translation>샘플 {count}개 삭제</translation>
    </message>
</context>
<context>
    <name>DecisionMap</name>
    <message>
        <source>What the network computes</source>
        <translation>네트워크가 계산하는 것</translation>
    </message>
    <message>
        <source>What a click on the map adds; shift-click removes a sample</source>
        <translation>지도를 클릭하면 추가되는 것. Shift+클릭은 샘플을 지웁니다</translation>
    </message>
    <message>
        <source>Hidden until you predict it (lesson)</source>
        <translation>레슨에서 예측할 때까지 숨김</translation>
    </message>
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
        <source>The network&apos;s output is hidden until you predict it in the lesson; the dots are the samples.</source>
        <translation>레슨에서 예측할 때까지 네트워크의 출력값은 숨겨집니다. 점은 샘플입니다.</translation>
    </message>
    <message>
        <source>Cannot draw the map: {error}</source>
        <translation>지도를 그릴 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>The map needs 2 inputs (a curve needs 1); this network has {n}.</source>
        <translation>지도에는 입력이 2개 필요합니다(곡선은 1개). 이 네트워크의 입력은 {n}개입니다.</translation>
    </message>
    <message>
        <source>the output</source>
        <translation>출력값</translation>
    </message>
    <message>
        <source>Colour: the output (white = halfway). Click to add a sample, shift-click to remove one.</source>
        <translation>색: 출력값 (흰색 = 중간). 클릭하면 샘플을 추가하고, Shift+클릭하면 지웁니다.</translation>
    </message>
    <message>
        <source>Colour: the predicted class, paler where the network is less sure. Click to add a sample, shift-click to remove one.</source>
        <translation>색: 예측한 클래스, 네트워크가 덜 확신하는 곳은 옅게. 클릭하면 샘플을 추가하고, Shift+클릭하면 지웁니다.</translation>
    </message>
    <message>
        <source>the output and targets</source>
        <translation>출력값과 목표값</translation>
    </message>
    <message>
        <source>The line is the network&apos;s output for every x; dots are the samples.</source>
        <translation>선은 모든 x에 대한 네트워크의 출력값이고, 점은 샘플입니다.</translation>
    </message>
    <message>
        <source>Class {cls} does not fit the outputs of this network.</source>
        <translation>클래스 {cls}은(는) 이 네트워크의 출력에 맞지 않습니다.</translation>
    </message>
    <message>
        <source>The data does not fit this network; fix it in the Data panel.</source>
        <translation>데이터가 이 네트워크에 맞지 않습니다. 데이터 패널에서 고치세요.</translation>
    </message>
    <message>
        <source>Add a sample of {name}</source>
        <translation>{name} 샘플 추가</translation>
    </message>
    <message>
        <source>Remove a sample</source>
        <translation>샘플 삭제</translation>
    </message>
    <message>
        <source>Not drawn: {name} runs from {low} to {high}; a plot shows numbers within ±{limit} only.</source>
        <translation>그리지 않았습니다: {name}의 범위가 {low}부터 {high}까지입니다. 그래프는 ±{limit} 안의 숫자만 보여 줍니다.</translation>
    </message>
</context>
<context>
    <name>DepthPlot</name>
    <message>
        <source>out</source>
        <translation>출력</translation>
    </message>
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
    <name>Document</name>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value}은(는) 유한한 수가 아닙니다</translation>
    </message>
    <message>
        <source>contain a value that is not finite</source>
        <translation>유한하지 않은 값이 들어 있습니다</translation>
    </message>
</context>
<context>
    <name>ExplainPanel</name>
    <message>
        <source>an input of the chosen sample</source>
        <translation>고른 샘플의 입력값</translation>
    </message>
    <message>
        <source>a target of the chosen sample: what the output should be</source>
        <translation>고른 샘플의 기대출력값: 출력이 되어야 할 값</translation>
    </message>
    <message>
        <source>the learning rate η, a training setting (Inspector)</source>
        <translation>학습률 η, 학습 설정 (속성 보기)</translation>
    </message>
    <message>
        <source>the momentum μ, a training setting</source>
        <translation>모멘텀 μ, 학습 설정</translation>
    </message>
    <message>
        <source>&lt;p&gt;There is no computation behind this: it is not a number of the step-through.&lt;/p&gt;</source>
        <translation>&lt;p&gt;이 값 뒤에는 계산이 없습니다: 단계별 실행의 숫자가 아닙니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Click a number (z, a, δ, ∂E/∂w, a weight or a bias) on the canvas or in the inspector to see how it was computed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;캔버스나 속성 보기에서 숫자(z, a, δ, ∂E/∂w, 가중치, 편향)를 클릭하면 어떻게 계산되었는지 볼 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This number is not part of the network any more.&lt;/p&gt;</source>
        <translation>&lt;p&gt;이 숫자는 더 이상 신경망에 없습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How was it computed? {path}</source>
        <translation>어떻게 계산되었나요? {path}</translation>
    </message>
    <message>
        <source>&lt;p&gt;Computed in step {n} ({phase}) — &lt;a href=&apos;{href}&apos;&gt;show this step&lt;/a&gt;:&lt;/p&gt;</source>
        <translation>&lt;p&gt;{n}단계({phase})에서 계산되었습니다 — &lt;a href=&apos;{href}&apos;&gt;이 단계 보기&lt;/a&gt;:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;From:&lt;/p&gt;</source>
        <translation>&lt;p&gt;계산에 쓰인 값:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{operand}: {given}</source>
        <translation>{operand}: {given}</translation>
    </message>
    <message>
        <source>{operand}: the slope of {activation} at the z computed in step {n} ({phase})</source>
        <translation>{operand}: {n}단계({phase})에서 계산한 z에서의 {activation}의 기울기</translation>
    </message>
    <message>
        <source>{operand}: computed in step {n} ({phase})</source>
        <translation>{operand}: {n}단계({phase})에서 계산됨</translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color: {color}&apos;&gt;(at neuron {label})&lt;/span&gt;</source>
        <translation> &lt;span style=&apos;color: {color}&apos;&gt;(뉴런 {label})&lt;/span&gt;</translation>
    </message>
    <message>
        <source>set after step {step} of training</source>
        <translation>학습 {step}스텝 후에 정해짐</translation>
    </message>
    <message>
        <source>set by the last update</source>
        <translation>마지막 갱신으로 정해짐</translation>
    </message>
    <message>
        <source>given: a parameter (from the file, or typed by you)</source>
        <translation>주어진 값: 파라미터 (파일에서 읽었거나 직접 입력한 값)</translation>
    </message>
    <message>
        <source>given</source>
        <translation>주어진 값</translation>
    </message>
    <message>
        <source>&lt;p&gt;Set by the last update, which stepped against the gradient:&lt;/p&gt;</source>
        <translation>&lt;p&gt;마지막 갱신이 기울기의 반대 방향으로 움직여 정한 값입니다:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Set after step {step} of training, by its update, which stepped against the gradient:&lt;/p&gt;</source>
        <translation>&lt;p&gt;학습 {step}스텝의 갱신이 기울기의 반대 방향으로 움직여 정한 값입니다:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Set after step {step} of training, by its update: {rule} on that step&apos;s batch. Step through the next training step to see an update number by number.&lt;/p&gt;</source>
        <translation>&lt;p&gt;학습 {step}스텝의 갱신으로 정해졌습니다: 그 스텝의 배치에 대해 {rule}. 갱신을 숫자 하나하나 보려면 다음 학습 스텝을 단계별로 실행하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Set after step {step} of training, by its update: the optimizer&apos;s update on that step&apos;s batch. Step through the next training step to see an update number by number.&lt;/p&gt;</source>
        <translation>&lt;p&gt;학습 {step}스텝의 갱신으로 정해졌습니다: 그 스텝의 배치에 대한 옵티마이저의 갱신. 갱신을 숫자 하나하나 보려면 다음 학습 스텝을 단계별로 실행하세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Given: a weight of the network, as the file or you set it (an update step changes it: {rule}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;주어진 값: 파일이나 직접 입력으로 정한 신경망의 가중치입니다 (갱신 단계에서 바뀝니다: {rule}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Given: a bias of the network, as the file or you set it (an update step changes it: {rule}).&lt;/p&gt;</source>
        <translation>&lt;p&gt;주어진 값: 파일이나 직접 입력으로 정한 신경망의 편향입니다 (갱신 단계에서 바뀝니다: {rule}).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>a number the step-through starts from</source>
        <translation>단계별 실행이 시작하는 숫자</translation>
    </message>
    <message>
        <source>&lt;p&gt;Given: {given}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;주어진 값: {given}.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;New…</source>
        <translation>새로 만들기(&amp;N)…</translation>
    </message>
    <message>
        <source>Build a new network: sizes, activations, loss</source>
        <translation>새 신경망 만들기: 크기, 활성화 함수, 손실 함수</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a network file</source>
        <translation>신경망 파일 열기</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the network</source>
        <translation>신경망 저장</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the network under a new name</source>
        <translation>신경망을 새 이름으로 저장</translation>
    </message>
    <message>
        <source>Export Canvas as &amp;PNG…</source>
        <translation>캔버스를 PNG로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <source>Save a picture of the canvas</source>
        <translation>캔버스 그림 저장</translation>
    </message>
    <message>
        <source>Export Canvas as S&amp;VG…</source>
        <translation>캔버스를 SVG로 내보내기(&amp;V)…</translation>
    </message>
    <message>
        <source>Save the canvas as a scalable drawing</source>
        <translation>캔버스를 크기 조절 가능한 그림으로 저장</translation>
    </message>
    <message>
        <source>Export as P&amp;yTorch script…</source>
        <translation>PyTorch 스크립트로 내보내기(&amp;Y)…</translation>
    </message>
    <message>
        <source>Save a standalone PyTorch script that trains this network the same way</source>
        <translation>이 신경망을 똑같이 학습하는 독립 실행 PyTorch 스크립트 저장</translation>
    </message>
    <message>
        <source>Export as &amp;NumPy script…</source>
        <translation>NumPy 스크립트로 내보내기(&amp;N)…</translation>
    </message>
    <message>
        <source>Save the same training as a page of plain NumPy, to read the algorithm as code</source>
        <translation>같은 학습을 순수 NumPy 코드 한 페이지로 저장 (알고리즘을 코드로 읽기)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <source>Wait: a file is being written or read</source>
        <translation>기다려 주세요: 파일을 쓰거나 읽는 중입니다</translation>
    </message>
    <message>
        <source>New network: double-click a weight or bias to edit it</source>
        <translation>새 신경망: 가중치나 편향을 더블클릭해 편집하세요</translation>
    </message>
    <message>
        <source>Open network</source>
        <translation>신경망 열기</translation>
    </message>
    <message>
        <source>Cannot open the network</source>
        <translation>신경망을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>{name}을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Save network as</source>
        <translation>신경망을 다른 이름으로 저장</translation>
    </message>
    <message>
        <source>Saving {name}…</source>
        <translation>{name} 저장 중…</translation>
    </message>
    <message>
        <source>Cannot save the network</source>
        <translation>신경망을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>{path}에 저장했습니다</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} 여는 중…</translation>
    </message>
    <message>
        <source>{doing} {percent} %</source>
        <translation>{doing} {percent} %</translation>
    </message>
    <message>
        <source>The window closes once the file is written or read</source>
        <translation>파일을 다 쓰거나 읽으면 창이 닫힙니다</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message>
        <source>Export canvas</source>
        <translation>캔버스 내보내기</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <source>Export as {library} script</source>
        <translation>{library} 스크립트로 내보내기</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>{path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>{path}: could not be written</source>
        <translation>{path}: 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>복구할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>FileJob</name>
    <message>
        <source>the file was not finished (its writer or reader stopped, exit code {code})</source>
        <translation>파일을 끝내지 못했습니다 (쓰기 또는 읽기 프로세스가 멈춤, 종료 코드 {code})</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Network files (*.json);;All files (*)</source>
        <translation>신경망 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved.
Save them first?</source>
        <translation>“{name}”에 저장하지 않은 변경 사항이 있습니다.
먼저 저장할까요?</translation>
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
    <name>GradientPlot</name>
    <message>
        <source>‖∂E/∂W‖ per layer</source>
        <translation>층별 ‖∂E/∂W‖</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <source>fixed axis 10⁻¹⁰…10¹</source>
        <translation>고정 축 10⁻¹⁰…10¹</translation>
    </message>
    <message>
        <source>The same gradient axis for every network and run, to compare the sigmoid and ReLU presets at a glance</source>
        <translation>모든 네트워크와 실행에 같은 기울기 축을 씁니다. 시그모이드와 ReLU 프리셋을 한눈에 비교할 수 있습니다</translation>
    </message>
    <message>
        <source>Each sigmoid layer multiplies the gradient by at most σ′ = {slope} (the notes say about {notes}). {ratio} from layer 1; now: {now}</source>
        <translation>시그모이드 층은 기울기에 많아야 σ′ = {slope}를 곱합니다(강의 노트는 약 {notes}). 1층부터의 {ratio}; 지금: {now}</translation>
    </message>
    <message>
        <source>Each sigmoid layer multiplies the gradient by at most σ′ = {slope} (the notes say about {notes}). {ratio} from layer 1 at step 1: {first}; now: {now}</source>
        <translation>시그모이드 층은 기울기에 많아야 σ′ = {slope}를 곱합니다(강의 노트는 약 {notes}). 1층부터의 {ratio}, 1단계: {first}; 지금: {now}</translation>
    </message>
</context>
<context>
    <name>HistoryPlot</name>
    <message>
        <source>log scale</source>
        <translation>로그 눈금</translation>
    </message>
    <message>
        <source>Save every step as CSV (step, loss, gradient norms)…</source>
        <translation>모든 단계를 CSV로 저장(단계, 손실, 기울기 노름)…</translation>
    </message>
    <message>
        <source>Save the run&apos;s history</source>
        <translation>실행 기록 저장</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
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
        <source>Click an underlined number to see how it was computed.</source>
        <translation>밑줄 친 숫자를 클릭하면 어떻게 계산되었는지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>z = Σ w·a + b, before the activation</source>
        <translation>z = Σ w·a + b, 활성화 함수 이전 값</translation>
    </message>
    <message>
        <source>a = f(z), what the neuron passes on</source>
        <translation>a = f(z), 뉴런이 다음 층으로 전달하는 값</translation>
    </message>
    <message>
        <source>δ = ∂E/∂z, the neuron&apos;s share of the error</source>
        <translation>δ = ∂E/∂z, 오차 중 이 뉴런의 몫</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>숫자</translation>
    </message>
    <message>
        <source>Enter applies; Undo takes it back</source>
        <translation>Enter로 적용, 실행 취소로 되돌림</translation>
    </message>
    <message>
        <source>where the bias&apos;s value comes from</source>
        <translation>편향 값이 어디서 왔는지</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;bias&quot;&gt;where does it come from?&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;bias&quot;&gt;어디서 왔나요?&lt;/a&gt;</translation>
    </message>
    <message>
        <source>where the value comes from</source>
        <translation>값이 어디서 왔는지</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;value&quot;&gt;where does it come from?&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;value&quot;&gt;어디서 왔나요?&lt;/a&gt;</translation>
    </message>
    <message>
        <source>frozen (training never changes it)</source>
        <translation>고정 (학습이 바꾸지 않음)</translation>
    </message>
    <message>
        <source>the gradient the update step uses</source>
        <translation>갱신 단계가 쓰는 기울기</translation>
    </message>
    <message>
        <source>e.g. 0.1</source>
        <translation>예: 0.1</translation>
    </message>
    <message>
        <source>η: how far each update moves</source>
        <translation>η: 갱신 한 번에 움직이는 정도</translation>
    </message>
    <message>
        <source>E for the chosen sample</source>
        <translation>고른 샘플의 E</translation>
    </message>
    <message>
        <source>{tip} — click the number to see how it was computed</source>
        <translation>{tip} — 숫자를 클릭하면 계산 과정을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>뉴런</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>층:</translation>
    </message>
    <message>
        <source>Activation:</source>
        <translation>활성화 함수:</translation>
    </message>
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
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>value:</source>
        <translation>값:</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>loss:</source>
        <translation>손실 함수:</translation>
    </message>
    <message>
        <source>over samples:</source>
        <translation>샘플 전체:</translation>
    </message>
    <message>
        <source>learning rate η:</source>
        <translation>학습률 η:</translation>
    </message>
    <message>
        <source>E (this sample):</source>
        <translation>E (이 샘플):</translation>
    </message>
    <message>
        <source>No data: add a sample to see the values.</source>
        <translation>데이터가 없습니다: 값을 보려면 샘플을 추가하세요.</translation>
    </message>
    <message>
        <source>Sample {n} of {count}: x = {x}, t = {t}</source>
        <translation>샘플 {n} / {count}: x = {x}, t = {t}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing selected.&lt;/b&gt; Click a neuron or a connection on the canvas, or a cell of a weight table.</source>
        <translation>&lt;b&gt;선택한 것이 없습니다.&lt;/b&gt; 캔버스의 뉴런이나 연결, 또는 가중치 표의 칸을 클릭하세요.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Input {name}&lt;/b&gt;</source>
        <translation>&lt;b&gt;입력 {name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>input layer (the sample&apos;s x)</source>
        <translation>입력층 (샘플의 x)</translation>
    </message>
    <message>
        <source>layer {n} of {count} (output)</source>
        <translation>{count}개 층 중 {n}층 (출력층)</translation>
    </message>
    <message>
        <source>layer {n} of {count} (hidden)</source>
        <translation>{count}개 층 중 {n}층 (은닉층)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Neuron {name}&lt;/b&gt;</source>
        <translation>&lt;b&gt;뉴런 {name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bias{name} of {target}&lt;/b&gt; (layer {layer})</source>
        <translation>&lt;b&gt;{target}의 편향{name}&lt;/b&gt; ({layer}층)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weight{name} from {origin} to {target}&lt;/b&gt; (layer {layer})</source>
        <translation>&lt;b&gt;{origin}에서 {target}(으)로 가는 가중치{name}&lt;/b&gt; ({layer}층)</translation>
    </message>
    <message>
        <source>changing: see the status bar</source>
        <translation>변하는 중: 상태 표시줄을 보세요</translation>
    </message>
    <message>
        <source>Not changed: {problem}.</source>
        <translation>바꾸지 않았습니다: {problem}.</translation>
    </message>
    <message>
        <source>Set {what}</source>
        <translation>{what} 설정</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>it must be greater than 0</source>
        <translation>0보다 커야 합니다</translation>
    </message>
    <message>
        <source>Set learning rate</source>
        <translation>학습률 설정</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>— (curve)</source>
        <translation>— (곡선)</translation>
    </message>
    <message>
        <source>Loss landscape</source>
        <translation>손실 지형</translation>
    </message>
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
        <source>θ₁: the parameter along the horizontal axis (or click a weight or bias on the canvas; Shift: θ₂)</source>
        <translation>θ₁: 가로축의 파라미터 (캔버스에서 가중치나 편향을 클릭해도 됩니다; Shift: θ₂)</translation>
    </message>
    <message>
        <source>θ₂: a second parameter for a map of E(θ₁, θ₂) (or click a weight or bias on the canvas; Shift: θ₂)</source>
        <translation>θ₂: E(θ₁, θ₂) 지도를 그릴 두 번째 파라미터 (캔버스에서 가중치나 편향을 클릭해도 됩니다; Shift: θ₂)</translation>
    </message>
    <message>
        <source>{tip}. This network has {count} parameters: open a layer&apos;s W or b, then a row of W, to choose one.</source>
        <translation>{tip}. 이 네트워크의 파라미터는 {count}개입니다: 층의 W나 b를 열고, W라면 그 행을 열어 하나를 고르세요.</translation>
    </message>
    <message>
        <source>— hidden until you predict it in the lesson</source>
        <translation>— 레슨에서 예측할 때까지 숨김</translation>
    </message>
    <message>
        <source>— the network has no parameters</source>
        <translation>— 신경망에 파라미터가 없습니다</translation>
    </message>
    <message>
        <source>— no training data: E needs samples</source>
        <translation>— 학습 데이터가 없습니다: E에는 샘플이 필요합니다</translation>
    </message>
    <message>
        <source>— the data do not fit the network&apos;s inputs and outputs</source>
        <translation>— 데이터가 신경망의 입력·출력과 맞지 않습니다</translation>
    </message>
    <message>
        <source>E (all samples)</source>
        <translation>E (모든 샘플)</translation>
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
    <message>
        <source>E = {loss}. {sentence}.</source>
        <translation>E = {loss}. {sentence}.</translation>
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
    <name>LessonHidden</name>
    <message>
        <source>Hidden until you predict it in the lesson.</source>
        <translation>레슨에서 예측할 때까지 숨깁니다.</translation>
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
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>학습 단계</translation>
    </message>
    <message>
        <source>loss E</source>
        <translation>손실 E</translation>
    </message>
    <message>
        <source>loss of each step&apos;s batch</source>
        <translation>단계별 배치의 손실</translation>
    </message>
    <message>
        <source>mean of each epoch</source>
        <translation>에폭별 평균</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>테스트 손실</translation>
    </message>
    <message>
        <source>— no steps yet: train to see the loss fall</source>
        <translation>— 아직 단계가 없습니다: 학습하면 손실이 줄어드는 것을 볼 수 있습니다</translation>
    </message>
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
    <message>
        <source>— hidden until you predict it (lesson)</source>
        <translation>— 레슨에서 예측할 때까지 숨김</translation>
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
        <source>Sample {n} of {count}   ·   E = ?</source>
        <translation>샘플 {n} / {count}   ·   E = ?</translation>
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
    <name>NetworkView</name>
    <message>
        <source>Neuron &amp;Thumbnails</source>
        <translation>뉴런 미리보기(&amp;T)</translation>
    </message>
    <message>
        <source>Fill each neuron with its output over the input plane (networks with two inputs)</source>
        <translation>각 뉴런을 입력 평면 위의 출력으로 채웁니다 (입력이 두 개인 신경망)</translation>
    </message>
    <message>
        <source>Mark &amp;Dead and Saturated Units</source>
        <translation>죽은 뉴런과 포화된 뉴런 표시(&amp;D)</translation>
    </message>
    <message>
        <source>Ring ReLU units that output 0 for every training sample and sigmoid/tanh units stuck on a flat tail</source>
        <translation>모든 학습 샘플에서 0을 출력하는 ReLU 뉴런과 평평한 끝에 머문 sigmoid/tanh 뉴런에 테두리를 칩니다</translation>
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
    <name>ProcessRun</name>
    <message>
        <source>could not start ({error})</source>
        <translation>시작하지 못했습니다({error})</translation>
    </message>
    <message>
        <source>did not answer a pause</source>
        <translation>일시 정지에 응답하지 않았습니다</translation>
    </message>
    <message>
        <source>has ended</source>
        <translation>종료되었습니다</translation>
    </message>
    <message>
        <source>could not train ({problem})</source>
        <translation>학습하지 못했습니다({problem})</translation>
    </message>
    <message>
        <source>Training goes on in the window: the training process {reason}.</source>
        <translation>학습 프로세스가 {reason}. 학습은 창 안에서 계속됩니다.</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>dd MMM</source>
        <translation>M월 d일</translation>
    </message>
    <message>
        <source>less than a minute ago (at {time} on {date})</source>
        <translation>방금 전 ({date} {time})</translation>
    </message>
    <message>
        <source>{duration} ago (at {time} on {date})</source>
        <translation>{duration} 전 ({date} {time})</translation>
    </message>
    <message>
        <source>moments before the program stopped, {ago}</source>
        <translation>프로그램이 멈추기 직전, {ago}</translation>
    </message>
    <message>
        <source>{before} before the program stopped, {ago}</source>
        <translation>프로그램이 멈추기 {before} 전, {ago}</translation>
    </message>
    <message>
        <source>{count} day</source>
        <translation>{count}일</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count}일</translation>
    </message>
    <message>
        <source>{count} hour</source>
        <translation>{count}시간</translation>
    </message>
    <message>
        <source>{count} hours</source>
        <translation>{count}시간</translation>
    </message>
    <message>
        <source>{count} minute</source>
        <translation>{count}분</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count}분</translation>
    </message>
    <message>
        <source>{count} second</source>
        <translation>{count}초</translation>
    </message>
    <message>
        <source>{count} seconds</source>
        <translation>{count}초</translation>
    </message>
    <message>
        <source>the origin is not a file name</source>
        <translation>원래 파일 이름이 파일 이름이 아닙니다</translation>
    </message>
    <message>
        <source>Unsaved work in {name} was set aside ({problem}); kept as {kept}.</source>
        <translation>{name}의 저장하지 않은 작업을 따로 두었습니다 ({problem}); {kept}(으)로 보관했습니다.</translation>
    </message>
    <message>
        <source>Unsaved work in {name} was set aside ({problem}); left in place: {why}.</source>
        <translation>{name}의 저장하지 않은 작업을 따로 두었습니다 ({problem}); 그 자리에 남겨 두었습니다: {why}.</translation>
    </message>
    <message>
        <source>it is not a file</source>
        <translation>파일이 아닙니다</translation>
    </message>
    <message>
        <source>its origin cannot be read</source>
        <translation>원래 파일 정보를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>its origin is not a file name</source>
        <translation>원래 파일 정보가 파일 이름이 아닙니다</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>저장하지 않은 작업을 복구할까요?</translation>
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
    <name>StepPanel</name>
    <message>
        <source>Neuron by neuron</source>
        <translation>뉴런별</translation>
    </message>
    <message>
        <source>Layer by layer</source>
        <translation>층별</translation>
    </message>
    <message>
        <source>Batch (as training)</source>
        <translation>배치 (학습과 같이)</translation>
    </message>
    <message>
        <source>One sample</source>
        <translation>샘플 하나</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip} ({keys})</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Go back one step</source>
        <translation>한 단계 뒤로</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>Compute the next step</source>
        <translation>다음 단계 계산</translation>
    </message>
    <message>
        <source>Step on by itself</source>
        <translation>자동으로 진행</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>처음</translation>
    </message>
    <message>
        <source>Back to before the first step</source>
        <translation>첫 단계 이전으로</translation>
    </message>
    <message>
        <source>Jump to the first step of the {phase}</source>
        <translation>{phase}의 첫 단계로 이동</translation>
    </message>
    <message>
        <source>How fast Play steps on</source>
        <translation>재생 속도</translation>
    </message>
    <message>
        <source>Batch: the step Train one step takes next, on its batch. One sample: an online step on the chosen sample alone</source>
        <translation>배치: &quot;한 스텝 학습&quot;이 다음에 밟을 스텝을 그 배치로. 샘플 하나: 고른 샘플 하나로 하는 온라인 스텝</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>속도:</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>샘플:</translation>
    </message>
    <message>
        <source>{seconds} s a step</source>
        <translation>단계당 {seconds}초</translation>
    </message>
    <message>
        <source> of {count}</source>
        <translation> / {count}</translation>
    </message>
    <message>
        <source>The sample flowing through the network now; choosing one steps through that sample alone</source>
        <translation>지금 신경망을 흐르는 샘플; 하나를 고르면 그 샘플만 단계별로 실행합니다</translation>
    </message>
    <message>
        <source>Which data row the step-through uses</source>
        <translation>단계별 실행이 쓰는 데이터 행</translation>
    </message>
    <message>
        <source>{phase}: steps {first}–{last} ({count} steps, {keys})</source>
        <translation>{phase}: {first}–{last}단계 ({count}단계, {keys})</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>데이터 없음</translation>
    </message>
    <message>
        <source>Full precision:
{numbers}</source>
        <translation>전체 정밀도:
{numbers}</translation>
    </message>
    <message>
        <source>Apply online update ▶</source>
        <translation>온라인 갱신 적용 ▶</translation>
    </message>
    <message>
        <source>Apply update ▶</source>
        <translation>갱신 적용 ▶</translation>
    </message>
    <message>
        <source>Apply the new weights and biases to the network (Undo takes them back), then run forward again</source>
        <translation>새 가중치와 편향을 신경망에 적용하고 (실행 취소로 되돌릴 수 있음) 순전파를 다시 실행합니다</translation>
    </message>
    <message>
        <source>Compute the next step (Space, Right)</source>
        <translation>다음 단계 계산 (Space, Right)</translation>
    </message>
    <message>
        <source>No steps</source>
        <translation>단계 없음</translation>
    </message>
    <message>
        <source>Nothing to step through: there are no samples. Add one in the data panel.</source>
        <translation>실행할 단계가 없습니다: 샘플이 없습니다. 데이터 패널에서 추가하세요.</translation>
    </message>
    <message>
        <source>Ready · {count} steps</source>
        <translation>준비 · {count}단계</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Next&lt;/b&gt; (Space) to compute the first step of the forward pass.</source>
        <translation>&lt;b&gt;다음&lt;/b&gt;(Space)을 누르면 순전파의 첫 단계를 계산합니다.</translation>
    </message>
    <message>
        <source>Step {n} of {count} · {phase}</source>
        <translation>{count}단계 중 {n}단계 · {phase}</translation>
    </message>
    <message>
        <source>Training&apos;s next batch: {count} samples (rows {rows}); sample {n} is flowing</source>
        <translation>학습의 다음 배치: 샘플 {count}개 (행 {rows}); 샘플 {n}이(가) 흐르는 중</translation>
    </message>
    <message>
        <source>Training&apos;s next batch: {count} samples (rows {rows}); all {count} at once, one row each</source>
        <translation>학습의 다음 배치: 샘플 {count}개 (행 {rows}); {count}개를 한꺼번에, 한 행에 하나씩</translation>
    </message>
    <message>
        <source>Training&apos;s next batch: {count} samples (rows {rows})</source>
        <translation>학습의 다음 배치: 샘플 {count}개 (행 {rows})</translation>
    </message>
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
    <name>Tooltips</name>
    <message>
        <source>after update</source>
        <translation>갱신 후</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>가중치 w</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>편향 b</translation>
    </message>
    <message>
        <source>bias of {neuron}</source>
        <translation>{neuron}의 편향</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>입력 x</translation>
    </message>
    <message>
        <source>z (weighted sum + b)</source>
        <translation>z (가중합 + b)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;dead&lt;/b&gt;: a = 0 for every training sample, so f′ = 0 and no gradient reaches its weights</source>
        <translation>&lt;br&gt;&lt;b&gt;죽은 뉴런&lt;/b&gt;: 모든 학습 샘플에서 a = 0이므로 f′ = 0이고 기울기가 가중치에 닿지 않습니다</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;saturated&lt;/b&gt;: on {share}% of the training samples f′(z) is nearly 0 while the output is far from its target, so it learns slowly there</source>
        <translation>&lt;br&gt;&lt;b&gt;포화&lt;/b&gt;: 학습 샘플의 {share}%에서 출력이 목표값과 먼데도 f′(z)가 거의 0이라, 그곳에서는 느리게 학습합니다</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;saturated&lt;/b&gt;: f′(z) is nearly 0 on {share}% of the training samples, so its gradients vanish</source>
        <translation>&lt;br&gt;&lt;b&gt;포화된 뉴런&lt;/b&gt;: 학습 샘플의 {share}%에서 f′(z)가 거의 0이라 기울기가 소멸합니다</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;frozen: training never changes it&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;고정: 학습이 바꾸지 않습니다&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>TrainingDocks</name>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Output Map</source>
        <translation>출력 지도</translation>
    </message>
    <message>
        <source>Loss Landscape</source>
        <translation>손실 지형</translation>
    </message>
    <message>
        <source>Gradient Check</source>
        <translation>기울기 검사</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>죽음</translation>
    </message>
    <message>
        <source>Saturated</source>
        <translation>포화</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>최고 속도</translation>
    </message>
    <message>
        <source>{n} steps/s</source>
        <translation>초당 {n}단계</translation>
    </message>
    <message>
        <source>Train one step</source>
        <translation>한 단계 학습</translation>
    </message>
    <message>
        <source>One forward pass, one backward pass, one update (one batch)</source>
        <translation>순전파 한 번, 역전파 한 번, 업데이트 한 번(배치 하나)</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>한 에폭 학습</translation>
    </message>
    <message>
        <source>Steps until every training sample was used once</source>
        <translation>모든 학습 샘플을 한 번씩 쓸 때까지 단계를 진행합니다</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Train continuously until paused or a stop rule is met</source>
        <translation>일시정지하거나 멈춤 조건을 만날 때까지 계속 학습합니다</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Parameters back to those of the opened file (re-initialised if the layers changed since); step and epoch counters and the loss record start over. Undoable.</source>
        <translation>매개변수를 연 파일의 값으로 되돌립니다(그 뒤 층이 바뀌었으면 다시 초기화). 단계와 에폭 카운터, 손실 기록도 처음부터 시작합니다. 실행 취소할 수 있습니다.</translation>
    </message>
    <message>
        <source>Dead: a ReLU that outputs 0 for every sample (no gradient can reach it). Saturated: a sigmoid/tanh on its flat tails for &gt; 90 % of the samples.</source>
        <translation>죽음: 모든 샘플에서 0을 출력하는 ReLU(기울기가 전달되지 않음). 포화: 샘플의 90 % 넘게에서 평평한 꼬리에 있는 시그모이드/tanh.</translation>
    </message>
    <message>
        <source>How fast Run trains: at a few steps a second every step is shown, the weights it changed glowing on the canvas</source>
        <translation>실행의 학습 속도: 초당 몇 단계이면 모든 단계가 보이고, 바뀐 가중치가 캔버스에서 빛납니다</translation>
    </message>
    <message>
        <source>Pace:</source>
        <translation>속도:</translation>
    </message>
    <message>
        <source>Units (on the training data)</source>
        <translation>유닛 (학습 데이터 기준)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Step: &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>단계: &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Epoch: &lt;b&gt;{n}&lt;/b&gt;</source>
        <translation>에폭: &lt;b&gt;{n}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loss of the last batch: —</source>
        <translation>마지막 배치의 손실: —</translation>
    </message>
    <message>
        <source>Loss of the last batch: &lt;b&gt;{loss}&lt;/b&gt;</source>
        <translation>마지막 배치의 손실: &lt;b&gt;{loss}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Test loss: &lt;b&gt;{loss}&lt;/b&gt;</source>
        <translation>테스트 손실: &lt;b&gt;{loss}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Test loss: — (no test split)</source>
        <translation>테스트 손실: — (테스트 분할 없음)</translation>
    </message>
    <message>
        <source>Cannot check the units: {problem}</source>
        <translation>유닛을 확인할 수 없습니다: {problem}</translation>
    </message>
    <message>
        <source>Accuracy: —</source>
        <translation>정확도: —</translation>
    </message>
    <message>
        <source>{n} (output)</source>
        <translation>{n} (출력층)</translation>
    </message>
    <message>
        <source>Accuracy: — (targets are not classes)</source>
        <translation>정확도: — (목표값이 클래스가 아님)</translation>
    </message>
    <message>
        <source>Accuracy: &lt;b&gt;{accuracy}&lt;/b&gt;</source>
        <translation>정확도: &lt;b&gt;{accuracy}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{dead} dead, {saturated} saturated</source>
        <translation>죽음 {dead}개, 포화 {saturated}개</translation>
    </message>
</context>
<context>
    <name>TrainingRunner</name>
    <message>
        <source>Train one step</source>
        <translation>한 단계 학습</translation>
    </message>
    <message>
        <source>Train one epoch</source>
        <translation>한 에포크 학습</translation>
    </message>
    <message>
        <source>Re-initialise parameters (Xavier)</source>
        <translation>파라미터 다시 초기화 (Xavier)</translation>
    </message>
    <message>
        <source>Reset parameters to the opened file&apos;s</source>
        <translation>파라미터를 연 파일의 값으로 되돌리기</translation>
    </message>
    <message>
        <source>Training cannot run: {error}.</source>
        <translation>학습을 실행할 수 없습니다: {error}.</translation>
    </message>
    <message>
        <source>The file&apos;s training run cannot be carried on ({reason}): training starts a fresh run.</source>
        <translation>파일에 저장된 학습 실행을 이어갈 수 없습니다 ({reason}): 새 실행으로 학습을 시작합니다.</translation>
    </message>
    <message>
        <source>Stopped by itself: the loss {loss} reached the target {target} at step {step}.</source>
        <translation>스스로 멈췄습니다: {step}단계에서 손실 {loss}이(가) 목표 {target}에 도달했습니다.</translation>
    </message>
    <message>
        <source>Stopped by itself after {epochs} epochs (step {step}).</source>
        <translation>{epochs} 에포크 후 스스로 멈췄습니다 ({step}단계).</translation>
    </message>
    <message>
        <source>Training diverged; the parameters are those from before the bad step.</source>
        <translation>학습이 발산했습니다. 파라미터는 잘못된 단계 전의 값입니다.</translation>
    </message>
    <message>
        <source>not a number (NaN)</source>
        <translation>숫자가 아님(NaN)</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>무한대</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Training paused: {what} became {became} at step {step}. The parameters are those from just before that step. Try a smaller learning rate, e.g. {suggestion} (now {rate}).</source>
        <translation>학습을 멈췄습니다: {step}단계에서 {what}이(가) {became}이(가) 되었습니다. 파라미터는 그 단계 바로 전의 값입니다. 더 작은 학습률을 써 보세요. 예: {suggestion} (지금 {rate}).</translation>
    </message>
</context>
<context>
    <name>TrainingSettingsForm</name>
    <message>
        <source>Gradient descent (SGD)</source>
        <translation>경사 하강법 (SGD)</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>모멘텀 SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Full batch (all samples)</source>
        <translation>전체 배치 (모든 샘플)</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>미니배치</translation>
    </message>
    <message>
        <source>Online (one sample)</source>
        <translation>온라인 (샘플 하나)</translation>
    </message>
    <message>
        <source>{what}: {text} is not a whole number</source>
        <translation>{what}: {text}은(는) 정수가 아닙니다</translation>
    </message>
    <message>
        <source>sum over samples (E = E₁ + … + Eₙ)</source>
        <translation>샘플 합 (E = E₁ + … + Eₙ)</translation>
    </message>
    <message>
        <source>mean over samples</source>
        <translation>샘플 평균</translation>
    </message>
    <message>
        <source>η: how far each step goes, &gt; 0</source>
        <translation>η: 스텝 한 번에 움직이는 정도, &gt; 0</translation>
    </message>
    <message>
        <source>μ in v ← μv + ∂E/∂θ, from 0 to below 1</source>
        <translation>v ← μv + ∂E/∂θ의 μ, 0 이상 1 미만</translation>
    </message>
    <message>
        <source>Adam&apos;s β₁, from 0 to below 1</source>
        <translation>Adam의 β₁, 0 이상 1 미만</translation>
    </message>
    <message>
        <source>Adam&apos;s β₂, from 0 to below 1</source>
        <translation>Adam의 β₂, 0 이상 1 미만</translation>
    </message>
    <message>
        <source>Adam&apos;s ε, &gt; 0</source>
        <translation>Adam의 ε, &gt; 0</translation>
    </message>
    <message>
        <source>Samples per step (a whole number ≥ 1)</source>
        <translation>스텝당 샘플 수 (1 이상의 정수)</translation>
    </message>
    <message>
        <source>Shuffle the samples every epoch</source>
        <translation>에폭마다 샘플 섞기</translation>
    </message>
    <message>
        <source>The shuffle&apos;s random seed: same seed, same run</source>
        <translation>섞기의 난수 시드: 같은 시드면 같은 학습</translation>
    </message>
    <message>
        <source>never</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Stop when the loss is at or below this</source>
        <translation>손실이 이 값 이하가 되면 멈춤</translation>
    </message>
    <message>
        <source>Stop after this many epochs</source>
        <translation>이 에폭 수가 지나면 멈춤</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Per sample:</source>
        <translation>샘플마다:</translation>
    </message>
    <message>
        <source>Over samples:</source>
        <translation>샘플 전체:</translation>
    </message>
    <message>
        <source>Update rule</source>
        <translation>갱신 규칙</translation>
    </message>
    <message>
        <source>Optimizer:</source>
        <translation>옵티마이저:</translation>
    </message>
    <message>
        <source>Learning rate η:</source>
        <translation>학습률 η:</translation>
    </message>
    <message>
        <source>Momentum μ:</source>
        <translation>모멘텀 μ:</translation>
    </message>
    <message>
        <source>Samples per step</source>
        <translation>스텝당 샘플</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>배치:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>배치 크기:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>시드:</translation>
    </message>
    <message>
        <source>Stop by itself</source>
        <translation>자동 멈춤</translation>
    </message>
    <message>
        <source>At loss ≤</source>
        <translation>손실 ≤</translation>
    </message>
    <message>
        <source>After epochs:</source>
        <translation>에폭 후:</translation>
    </message>
    <message>
        <source>{problem}. The loss is unchanged.</source>
        <translation>{problem}. 손실 함수는 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <source>Loss {loss}, {reduction}</source>
        <translation>손실 함수 {loss}, {reduction}</translation>
    </message>
    <message>
        <source>Optimizer: gradient descent</source>
        <translation>옵티마이저: 경사 하강법</translation>
    </message>
    <message>
        <source>Optimizer: SGD with momentum</source>
        <translation>옵티마이저: 모멘텀 SGD</translation>
    </message>
    <message>
        <source>Optimizer: Adam</source>
        <translation>옵티마이저: Adam</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>전체 배치</translation>
    </message>
    <message>
        <source>Online: one sample per step</source>
        <translation>온라인: 스텝당 샘플 하나</translation>
    </message>
    <message>
        <source>Mini-batch of {size}</source>
        <translation>미니배치 {size}</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>섞기</translation>
    </message>
    <message>
        <source>No shuffle</source>
        <translation>섞지 않기</translation>
    </message>
    <message>
        <source>{problem} — nothing changed.</source>
        <translation>{problem} — 바뀐 것이 없습니다.</translation>
    </message>
    <message>
        <source>{label} {value}</source>
        <translation>{label} {value}</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Stop at loss</source>
        <translation>멈출 손실</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>Stop after epochs</source>
        <translation>멈출 에폭</translation>
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
